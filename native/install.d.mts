// Types of native/install.mjs's helpers, for the build script and the tests written in TypeScript.
export declare const ADDONS: readonly ('unicase' | 'mathf')[];
export declare const NATIVE_SOURCES: readonly string[];
export declare function isMusl(): boolean;
export declare function prebuildKey(): string;
export declare function sourceDigest(base?: string): string;
export declare function prebuiltUnusable(base?: string): string | undefined;
