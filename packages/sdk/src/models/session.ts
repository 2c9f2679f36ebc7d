import { type Static, Type } from 'typebox';
import { CreateAccessTokenRequestParamsSchema } from './access-token.js';

/** Body of `POST /v2/users/sessions`: the same credentials a token login takes. */
export const CreateSessionRequestParamsSchema = CreateAccessTokenRequestParamsSchema;
export type CreateSessionRequestParams = Static<typeof CreateSessionRequestParamsSchema>;

export const SessionSchema = Type.Object({ sessionId: Type.String() });
export type Session = Static<typeof SessionSchema>;

export const SessionsCountSchema = Type.Object({
  sessionsPerUser: Type.Array(Type.Object({ sid: Type.String(), sessionsCount: Type.Integer({ minimum: 0 }) })),
  totalSessionsCount: Type.Integer({ minimum: 0 }),
});
export type SessionsCount = Static<typeof SessionsCountSchema>;

export const GetSessionsQuerySchema = Type.Object({ sids: Type.Optional(Type.Array(Type.String())) });
export const DeleteSessionsQuerySchema = Type.Object({ sid: Type.Optional(Type.String()) });
