-- Sales (positive lines), returns (negative lines) and net revenue per calendar month, of the
-- lines dated before $end.
SELECT
    date_trunc('month', ts)                                      AS month,
    coalesce(sum(amount) FILTER (WHERE amount > 0), 0)           AS sales,
    coalesce(sum(amount) FILTER (WHERE amount < 0), 0)           AS returns,
    sum(amount)                                                  AS net
FROM transactions
WHERE ts < $end
GROUP BY ALL
ORDER BY month
