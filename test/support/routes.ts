import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { ACCESS_KEY } from '../../server/src/auth/access.decorator';

export interface DeclaredRoute {
  /** e.g. `GET /api/feeds/:id` */
  key: string;
  method: string;
  path: string;
  access: string | undefined;
}

/** Every HTTP route the application registers, with its @Access declaration (handler over class). */
export function declaredRoutes(app: INestApplication): DeclaredRoute[] {
  const container = (app as unknown as { container: { getModules(): Map<string, { controllers: Map<unknown, { metatype: (new (...args: never[]) => unknown) | null }> }> } }).container;
  const routes: DeclaredRoute[] = [];
  for (const module of container.getModules().values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype;
      if (!controller) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      const classAccess = Reflect.getMetadata(ACCESS_KEY, controller) as string | undefined;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (typeof handler !== 'function' || name === 'constructor') continue;
        const sub = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (sub === undefined || method === undefined) continue;
        const path = '/' + [base, sub].map((p) => p.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/');
        const verb = RequestMethod[method];
        routes.push({ key: `${verb} ${path}`, method: verb, path, access: (Reflect.getMetadata(ACCESS_KEY, handler) as string | undefined) ?? classAccess });
      }
    }
  }
  return routes;
}
