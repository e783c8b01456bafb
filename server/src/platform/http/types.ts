import type { Context } from 'hono';
import type { AgentActor, Ctx, Deps } from '../context.ts';

/** Hono environment: what middleware leaves on the request. */
export interface AppEnv {
  Variables: {
    deps: Deps;
    ctx: Ctx;
    agent: AgentActor;
    requestId: string;
    ip: string | null;
  };
}
export type AppContext = Context<AppEnv>;
