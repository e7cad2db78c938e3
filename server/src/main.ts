import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from './config/config';
import { startApp } from './app';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const { app } = await startApp(config);
  // Graceful stop: no new polls, running ones finish (bounded by SHUTDOWN_GRACE_SEC), database closed.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    new Logger('Sentinel').log(`${signal} received, shutting down`);
    app.close().then(
      () => process.exit(0),
      (error) => {
        console.error(`shutdown failed: ${(error as Error)?.message ?? error}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((error) => {
  console.error(`Sentinel Wire failed to start: ${(error as Error)?.message ?? error}`);
  process.exit(1);
});
