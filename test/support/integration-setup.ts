// Signing users in costs a scrypt hash each (by design), so a test or hook that sets up a few
// users needs more than jest's default 5 s on a busy 2-core machine; waits inside tests stay bounded.
jest.setTimeout(20_000);
