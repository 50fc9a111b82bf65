export { createApp, SESSION_COOKIE, type AppType, type AppDeps } from './app.ts';
export { startServer, type RunningServer } from './server.ts';
export { ServerStore } from './storage/server-store.ts';
export { AuthService } from './auth.ts';
export { openServerDb } from './db.ts';
export { DEFAULT_CONFIG, configFromEnv, type ServerConfig } from './config.ts';
export { jsonLogger, memoryLogger, type Logger } from './log.ts';
export { generateDemo, DEMO_LOGINS, DEMO_PASSWORD, prng } from './demo.ts';
export { hashPassword, verifyPassword } from './passwords.ts';
