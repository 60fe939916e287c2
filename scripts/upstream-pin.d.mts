export declare const UPSTREAM_REPO: string
export declare const UPSTREAM_COMMIT: string
export declare const UPSTREAM_CACHE_DIR: string
export declare const UPSTREAM_METRICS_SHA256: string
export declare function metricsTreeHash(dir: string): string
