import pandas as pd


def ingest():
    import random

    return pd.DataFrame(
        {
            "metric_timestamp": [pd.Timestamp.utcnow()],
            "metric_name": ["page_views"],
            "metric_value": [random.random() * 100],
        }
    )
