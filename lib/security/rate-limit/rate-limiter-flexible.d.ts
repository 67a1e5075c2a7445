// The package's types declare RateLimiterStoreAbstract as a named export, but its index does not
// export it at run time; the class is reached by its file, and typed here as the package types it.
declare module "rate-limiter-flexible/lib/RateLimiterStoreAbstract" {
  import type { RateLimiterStoreAbstract } from "rate-limiter-flexible";

  const StoreAbstract: typeof RateLimiterStoreAbstract;
  export default StoreAbstract;
}
