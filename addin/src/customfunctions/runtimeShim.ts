// Outside Excel (a plain browser, the preview, tests) there is no CustomFunctions global; the
// associate() calls the metadata plugin appends would then throw. Give them a harmless stand-in.
type Shim = { associate: (id: string, fn: unknown) => void; Error: unknown; ErrorCode: unknown };
const g = globalThis as unknown as { CustomFunctions?: Shim };
if (typeof g.CustomFunctions === 'undefined') {
  class CustomFunctionsError extends Error {
    constructor(
      readonly code: string,
      message?: string,
    ) {
      super(message);
    }
  }
  g.CustomFunctions = {
    associate: () => undefined,
    Error: CustomFunctionsError,
    ErrorCode: { notAvailable: '#N/A', invalidValue: '#VALUE!', invalidNumber: '#NUM!' },
  };
}
export {};
