// The HTTP application, built without listening so tests can call it with `inject`.
import Fastify from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { accessHook } from './access.ts';
import { errorHandler } from './errors.ts';
import { AppError } from '../errors.ts';
import type { App, AppContext } from './types.ts';
import { registerPlatformRoutes } from './platform-routes.ts';
import { registerModuleRoutes } from '../../modules/routes.ts';
import { VERSION } from './version.ts';

const webDist = new URL('../../../web/dist', import.meta.url).pathname;


export async function buildApp(ctx: AppContext, options: { logger?: boolean } = {}): Promise<App> {
  const app = Fastify({
    logger: options.logger ? { level: ctx.config.logLevel } : false,
    bodyLimit: 10 * 1024 * 1024,
    trustProxy: true,
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.decorateRequest('auth', null);
  app.decorateRequest('lang', 'sv');
  app.addHook('onRequest', async (req) => {
    req.lang = /^en\b/i.test(String(req.headers['accept-language'] ?? '')) ? 'en' : 'sv';
  });
  // Raw bodies (invoice XML, CSV files) arrive as Buffers.
  app.addContentTypeParser(['text/csv', 'text/plain', 'application/xml', 'text/xml', 'application/octet-stream', 'application/pdf'], { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: { title: 'Avrop API', version: VERSION, description: 'E-handel och fakturahantering för kommuner. Alla fel har formen {"error": {"code", "message", "details"?}}. Tillståndsändrande anrop kräver sessionens CSRF-token i huvudet X-CSRF-Token.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'avrop_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.addHook('onRequest', accessHook(ctx));

  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
  registerPlatformRoutes(app, ctx);
  registerModuleRoutes(app, ctx);

  // The web app is served when it was built before start (npm start builds it); checked once.
  const hasWebApp = existsSync(join(webDist, 'index.html'));
  if (hasWebApp) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false, index: ['index.html'] });
  }
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || req.url === '/api') {
      errorHandler(new AppError('not_found', { sv: 'Okänd adress i API:t.', en: 'Unknown API route.' }) as never, req, reply);
      return;
    }
    // A missing file (script, style, image) is a 404, not the app page; only routes of the app fall back.
    const path = req.url.split('?')[0] ?? '';
    if (path.startsWith('/assets/') || /\.[a-z0-9]{1,5}$/i.test(path)) {
      void reply.status(404).type('text/plain; charset=utf-8').send('Hittades inte');
      return;
    }
    if ((req.method === 'GET' || req.method === 'HEAD') && hasWebApp) {
      void reply.type('text/html; charset=utf-8').sendFile('index.html');
      return;
    }
    void reply.status(404).type('text/plain; charset=utf-8').send('Webbgränssnittet är inte byggt: kör npm run build:web');
  });
  return app;
}
