select metric_timestamp, metric_batch, metric_name, metric_value, metric_score
from {{ table_key }}
where metric_batch = '{{ metric_batch }}'
  and metric_type = 'score'
