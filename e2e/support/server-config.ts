// Where the e2e server listens. Always `localhost`, never 127.0.0.1: Auth.js must see one origin.
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_BASE_URL = `http://localhost:${E2E_PORT}`;
