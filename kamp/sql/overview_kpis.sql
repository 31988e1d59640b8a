-- Headline figures of the portfolio from the lines dated before $end, one row.
SELECT
    count(DISTINCT account_id)                                   AS accounts,
    coalesce(sum(amount), 0)                                     AS revenue,
    count(*)                                                     AS lines,
    count(*) FILTER (WHERE is_return)                            AS return_lines,
    coalesce(sum(amount) FILTER (WHERE is_return), 0)            AS return_amount,
    sum(amount) FILTER (WHERE cost IS NOT NULL)                  AS revenue_with_cost,
    sum(cost) FILTER (WHERE cost IS NOT NULL)                    AS cost,
    count(*) FILTER (WHERE NOT is_product)                       AS non_product_lines,
    min(ts)                                                      AS first_date,
    max(ts)                                                      AS last_date
FROM transactions
WHERE ts < $end
