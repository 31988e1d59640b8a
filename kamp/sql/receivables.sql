-- Receivables per account as of the day before $end: invoices dated before $end; a payment
-- dated on or after $end has not happened yet. An invoice is due when its due date is before
-- $as_of (the as-of day itself is not late yet); its open part is amount − paid (never below 0;
-- credit notes, amount ≤ 0, are left out of what is owed). A paid amount without a paid date
-- counts as paid; a paid date without a paid amount counts as paid in full.
-- An invoice on several rows (one per instalment paid) is one invoice: its amount once when the
-- rows repeat it (else their sum: the invoice's lines), what they paid summed, its last payment.
WITH rows AS (
    SELECT
        account_id, invoice_id, invoice_date, amount, due_date,
        CASE WHEN paid_date >= $end THEN NULL ELSE paid_date END              AS paid_on,
        CASE WHEN paid_date >= $end THEN 0
             ELSE coalesce(paid_amount, CASE WHEN paid_date IS NOT NULL THEN amount END, 0) END AS paid
    FROM current_payments
    WHERE invoice_date < $end
), inv AS (
    SELECT account_id, invoice_id, min(invoice_date) AS invoice_date,
           CASE WHEN min(amount) = max(amount) THEN max(amount) ELSE sum(amount) END AS amount,
           max(due_date) AS due_date, max(paid_on) AS paid_on, sum(paid) AS paid
    FROM rows
    GROUP BY account_id, invoice_id
), open_items AS (
    SELECT *,
        CASE WHEN amount > 0 THEN greatest(amount - paid, 0) ELSE 0 END       AS open_amount,
        coalesce(due_date < $as_of, false)                                    AS is_due
    FROM inv
), late AS (
    SELECT *,
        open_amount > $tolerance                                              AS is_open,
        CASE WHEN NOT is_due THEN NULL
             WHEN open_amount > $tolerance THEN date_diff('day', CAST(due_date AS DATE), CAST($as_of AS DATE))
             WHEN paid_on IS NOT NULL THEN greatest(date_diff('day', CAST(due_date AS DATE), CAST(paid_on AS DATE)), 0)
             ELSE 0 END                                                       AS days_late
    FROM open_items
)
SELECT
    account_id,
    count(*)                                                     AS invoices,
    sum(amount)                                                  AS invoiced,
    sum(paid)                                                    AS paid,
    sum(open_amount)                                             AS outstanding,
    coalesce(sum(open_amount) FILTER (WHERE is_due), 0)          AS overdue,
    coalesce(sum(amount) FILTER (WHERE invoice_date >= $period_start), 0) AS invoiced_in_period,
    count(*) FILTER (WHERE is_due)                               AS invoices_due,
    count(*) FILTER (WHERE is_due AND (is_open OR days_late > 0)) AS invoices_in_arrears,
    coalesce(sum(days_late), 0)                                  AS days_late_total,
    max(days_late) FILTER (WHERE is_due AND is_open)             AS oldest_overdue_days
FROM late
GROUP BY account_id
ORDER BY overdue DESC, outstanding DESC, account_id
