select current_timestamp as metric_timestamp, 'revenue' as metric_name, random() * 1000 as metric_value
