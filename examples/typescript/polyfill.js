// Node 20 lacks Promise.withResolvers (added in Node 22), which @resonatehq/sdk 0.11.5
// calls in Resonate.subscribe/notify. Import this module before the SDK in every
// process that loads it. It is a no-op on Node >= 22.
if (typeof Promise.withResolvers !== "function") {
  Object.defineProperty(Promise, "withResolvers", {
    configurable: true,
    writable: true,
    value: function withResolvers() {
      let resolve;
      let reject;
      const promise = new this((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}
