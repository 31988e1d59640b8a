-- Profit and loss per account from the order lines dated before $end (one account when
-- $account_id is set). `amount` is net of the line's discount (the importer derives a missing
-- amount as quantity × unit price − discount), so gross revenue before discounts is the positive
-- lines plus the discounts. A return line is a negative amount credited at the net price paid,
-- with a negative cost (the goods come back). Net revenue = gross − discounts − returns.
-- discounts and cost are NULL when none of the account's lines carries one.
SELECT
    account_id,
    coalesce(sum(amount) FILTER (WHERE amount > 0), 0) + coalesce(sum(discount), 0)  AS gross_revenue,
    sum(discount)                                                AS discounts,
    coalesce(-sum(amount) FILTER (WHERE amount < 0), 0)          AS returns,
    coalesce(sum(amount), 0)                                     AS net_revenue,
    sum(cost)                                                    AS cost,
    coalesce(sum(amount) FILTER (WHERE cost IS NULL), 0)         AS net_uncosted,
    count(*)                                                     AS lines,
    count(cost)                                                  AS lines_with_cost
FROM transactions
WHERE ts < $end
  AND (CAST($account_id AS VARCHAR) IS NULL OR account_id = CAST($account_id AS VARCHAR))
GROUP BY account_id
ORDER BY net_revenue DESC, account_id
