-- The quarter target the plan page would prefill, computed on the data before the quarter began
-- ($start): net revenue of the 365 days before $start over the product lines with positive
-- revenue × (1 + trend) ÷ 4, trend = growth against the 365 days before that, clipped to
-- [$lo, $hi] and 0 when the prior 365 days netted to 0 or below (kamp.playbook_prefill).
WITH per_line AS (
    SELECT account_id, product_line,
           sum(amount) FILTER (WHERE ts >= $y1) AS revenue_12m,
           sum(amount) FILTER (WHERE ts < $y1) AS revenue_prior_12m
    FROM transactions
    WHERE ts >= $y2 AND ts < $start
    GROUP BY ALL
), per_account AS (
    SELECT account_id,
           coalesce(sum(revenue_12m), 0) AS revenue_12m,
           coalesce(sum(revenue_prior_12m), 0) AS revenue_prior_12m,
           sum(revenue_12m) FILTER (WHERE revenue_12m > 0) AS positive_lines
    FROM per_line
    GROUP BY account_id
)
SELECT account_id,
       round(positive_lines * (1 + CASE WHEN revenue_prior_12m <= 0 THEN 0
                                        ELSE least(greatest((revenue_12m - revenue_prior_12m) / revenue_prior_12m,
                                                            $lo), $hi) END) / 4, 2) AS target
FROM per_account
WHERE positive_lines > 0
