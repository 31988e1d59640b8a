-- Net revenue, orders and last purchase per account, largest first, with names where known.
SELECT
    t.account_id,
    any_value(a.name)                                            AS name,
    sum(t.amount)                                                AS revenue,
    count(DISTINCT t.invoice_id)                                 AS orders,
    max(t.ts)                                                    AS last_purchase
FROM transactions t
LEFT JOIN accounts a USING (account_id)
GROUP BY t.account_id
ORDER BY revenue DESC, t.account_id
