def preprocess(df, diff_n=0, smooth_n=0, lags_n=0, freq=None, freq_agg="mean", dropna=True, shuffle=False):
    return df
