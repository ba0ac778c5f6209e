// Drives AuthFlow through the generated types: register, log in, read the profile, refresh, list the sessions,
// log out, and read error codes from typed problem details. Run: AUTHFLOW_API=http://127.0.0.1:5080 npm run flow
import createClient from "openapi-fetch";
import type { components, paths } from "./authflow.js";

type ErrorCode = components["schemas"]["ErrorCode"];

const baseUrl = process.env["AUTHFLOW_API"] ?? "http://127.0.0.1:5080";
const client = createClient<paths>({ baseUrl });

function check(condition: boolean, message: string): asserts condition {
  if (!condition) {
    throw new Error(message);
  }
}

/** The stable `code` of a problem answer, typed by the document's enum. */
function codeOf(problem: { code: ErrorCode } | undefined): ErrorCode | undefined {
  return problem?.code;
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const email = `ts-client-${Date.now()}@example.com`;
const password = "correct horse battery";

const registered = await client.POST("/api/auth/register", { body: { username: "ts-client", email, password } });
check(registered.response.status === 201 && registered.data !== undefined, `register: ${registered.response.status}`);
console.log(`register: 201, user ${registered.data.user.id}`);

const again = await client.POST("/api/auth/register", { body: { username: "ts-client", email, password } });
check(codeOf(again.error) === "email_taken", `register again: expected email_taken, got ${JSON.stringify(again.error)}`);
console.log(`register again: ${again.response.status} ${again.error?.code}`);

// A login answers tokens or, for an account with a second factor, an mfaToken (mfaRequired); refreshToken is absent
// only when the client asked for the refresh token in the cookie, which this one does not.
const loginAnswer = await client.POST("/api/auth/login", { body: { email, password } });
check(loginAnswer.data !== undefined, `login: ${loginAnswer.response.status}`);
const login = loginAnswer.data;
check("accessToken" in login && login.refreshToken !== undefined, `login: expected tokens, got ${JSON.stringify(login)}`);
console.log(`login: 200, expires in ${login.expiresIn} s`);

const wrong = await client.POST("/api/auth/login", { body: { email, password: "not the password" } });
check(codeOf(wrong.error) === "invalid_credentials", `wrong password: got ${JSON.stringify(wrong.error)}`);
console.log(`wrong password: ${wrong.response.status} ${wrong.error?.code}`);

const profile = await client.GET("/api/profile", { headers: bearer(login.accessToken) });
check(profile.data?.user.email === email, `profile: ${profile.response.status}`);
console.log(`profile: 200, ${profile.data.user.username}`);

const refreshAnswer = await client.POST("/api/auth/refresh", { body: { refreshToken: login.refreshToken } });
check(refreshAnswer.data !== undefined, `refresh: ${refreshAnswer.response.status}`);
const refreshed = refreshAnswer.data;
check(refreshed.refreshToken !== undefined, `refresh: expected a token pair, got ${JSON.stringify(refreshed)}`);
console.log("refresh: 200, new token pair");

const sessions = await client.GET("/api/auth/sessions", { headers: bearer(refreshed.accessToken) });
check(sessions.data?.sessions.some((s) => s.current) === true, `sessions: ${sessions.response.status}`);
console.log(`sessions: 200, ${sessions.data.sessions.length} active`);

const logout = await client.POST("/api/auth/logout", {
  headers: bearer(refreshed.accessToken),
  body: { scope: "current" },
});
check(logout.response.status === 204, `logout: ${logout.response.status}`);
console.log("logout: 204");

const stale = await client.POST("/api/auth/refresh", { body: { refreshToken: refreshed.refreshToken } });
check(codeOf(stale.error) === "invalid_refresh_token", `refresh after logout: got ${JSON.stringify(stale.error)}`);
console.log(`refresh after logout: ${stale.response.status} ${stale.error?.code}`);

const unauthorized = await client.GET("/api/profile", { headers: bearer(refreshed.accessToken) });
check(codeOf(unauthorized.error) === "unauthorized", `profile after logout: got ${JSON.stringify(unauthorized.error)}`);
console.log(`profile after logout: ${unauthorized.response.status} ${unauthorized.error?.code}`);

console.log("typescript client: ok");
