-- Share of net revenue held by the top ceil($fraction × n) accounts, ranked by net revenue, of
-- the lines dated before $end.
WITH per_account AS (
    SELECT account_id, sum(amount) AS revenue FROM transactions WHERE ts < $end GROUP BY account_id
), ranked AS (
    SELECT revenue, account_id,
           row_number() OVER (ORDER BY revenue DESC, account_id) AS rank,
           count(*) OVER () AS n
    FROM per_account
)
SELECT sum(revenue) FILTER (WHERE rank <= ceil($fraction * n)) / nullif(sum(revenue), 0) AS share
FROM ranked
