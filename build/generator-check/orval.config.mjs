// orval's configuration for build/generator-check/run.sh: a fetch client of the published spec
// (published/sinch-verification.json, staged by run.sh) into generated/orval/, every call through
// the mutator orval-fetch.ts (base URL, the `+`, signing).
//
// urlEncodeParameters: orval writes path values into the URL as they are by default (a reference
// with a `#` or a space breaks the URL); with it, each is encodeURIComponent'ed, which sends the
// number's `+` as %2B: the mutator gives it back (orval-fetch.ts, `literalPlus`).
export default {
  sinch: {
    input: { target: "./published/sinch-verification.json" },
    output: {
      target: "./generated/orval/client.ts",
      client: "fetch",
      mode: "single",
      urlEncodeParameters: true,
      override: { mutator: { path: "./orval-fetch.ts", name: "sinchFetch" } },
    },
  },
};
