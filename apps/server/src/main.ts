import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';

const config = loadConfig();
const app = await buildApp({ config });
const close = async () => {
  await app.close();
  process.exit(0);
};
process.on('SIGINT', close);
process.on('SIGTERM', close);
await app.listen({ port: config.port, host: config.host });
app.log.info(`CareBridge 爱心桥 on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port} (${app.ctx.dialect})`);
