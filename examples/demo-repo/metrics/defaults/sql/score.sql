select metric_timestamp, metric_batch, metric_name, metric_value
from {{ table_key }}
where metric_batch = '{{ metric_batch }}'
