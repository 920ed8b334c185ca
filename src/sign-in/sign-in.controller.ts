import { Body, Controller, Get, HttpCode, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentPrincipal } from '../access/current-principal.decorator.js';
import type { Principal } from '../access/principal.js';
import { ApiSignedIn } from '../access/api-auth.js';
import { Public } from '../access/public.decorator.js';
import { ErrorBody } from '../common/error-body.js';
import { AppConfig } from '../config/app-config.js';
import { AdminGuard } from '../directory/admin.guard.js';
import { clearSessionCookie, CSRF_HEADER, sessionCookieOf, setSessionCookie } from './session-cookie.js';
import { SignInLinks } from './sign-in-links.js';
import { CreatedLinkView, CreateLinkDto, LinkView, RedeemLinkDto, SessionView, SignedInView, SignInDto } from './sign-in.dto.js';
import { SignInService } from './sign-in.service.js';
import { TooManySignInAttempts } from './slowdown.js';

/** An error answer in the service's one shape (ErrorBody), described for this endpoint. */
const ERROR = (status: number, description: string) => ApiResponse({ status, description, content: { 'application/json': { schema: { $ref: getSchemaPath(ErrorBody) } } } });

/** Sign-in for people at the console: password, session cookie, one-time links. Delegates to the services. */
@ApiTags('sign-in')
@Controller()
export class SignInController {
  constructor(
    private readonly signIn: SignInService,
    private readonly links: SignInLinks,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('auth/sign-in')
  @HttpCode(200)
  @ApiOperation({ operationId: 'signIn', summary: 'Sign in with email and password: sets the HttpOnly `session` cookie' })
  @ApiOkResponse({ type: SignedInView, description: 'signed in; `Set-Cookie: session=…; HttpOnly; SameSite=Lax; Path=/` (Secure over HTTPS)' })
  @ERROR(400, 'bad input; `problems` names each field')
  @ERROR(401, 'wrong email or password (the same answer for an unknown email, no password set or a deactivated person)')
  @ERROR(429, 'too many failures for this email or from this address (`too_many_attempts`, with `retryAfterSeconds` and `retryAt`), or too many requests from this address: wait `Retry-After` seconds')
  async signInWithPassword(@Body() b: SignInDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<SignedInView> {
    const r = await retryAfter(res, () => this.signIn.signIn(b.email, b.password, req.ip, sessionCookieOf(req)));
    setSessionCookie(req, res, r.secret);
    return { person: r.person, csrfToken: r.session.csrf_token };
  }

  @Public()
  @Get('auth/session')
  @ApiOperation({ operationId: 'getSession', summary: 'Who is signed in by the session cookie, with the CSRF token to send back' })
  @ApiOkResponse({ type: SessionView })
  @ERROR(401, 'not signed in, or the session has ended')
  async session(@Req() req: Request): Promise<SessionView> {
    const s = await this.signIn.session(sessionCookieOf(req));
    return { ...s, expiresAt: s.expiresAt.toISOString() };
  }

  @Public()
  @Post('auth/sign-out')
  @HttpCode(204)
  @ApiOperation({ operationId: 'signOut', summary: `Sign out: ends the session and clears the cookie (send ${CSRF_HEADER})` })
  @ApiNoContentResponse({ description: 'signed out (also when there was no session)' })
  @ERROR(403, `the ${CSRF_HEADER} header is missing or wrong`)
  async signOut(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.signIn.signOut(sessionCookieOf(req), req.headers[CSRF_HEADER.toLowerCase()]);
    clearSessionCookie(req, res);
  }

  @Public()
  @Get('auth/links/:token')
  @ApiOperation({ operationId: 'getSignInLink', summary: 'What a one-time link is for, without using it' })
  @ApiOkResponse({ type: LinkView })
  @ERROR(404, 'no such link')
  @ERROR(410, 'the link was used already, has expired, or its person is deactivated')
  async link(@Param('token') token: string): Promise<LinkView> {
    const l = await this.links.describe(token);
    return { ...l, expiresAt: l.expiresAt.toISOString() };
  }

  @Public()
  @Post('auth/links/redeem')
  @HttpCode(200)
  @ApiOperation({ operationId: 'redeemSignInLink', summary: 'Use a one-time link (setting a password): signs in like POST /auth/sign-in' })
  @ApiOkResponse({ type: SignedInView })
  @ERROR(400, 'bad input, or no password for an invite or reset link; `problems` names the field')
  @ERROR(404, 'no such link')
  @ERROR(410, 'the link was used already, has expired, or its person is deactivated')
  async redeem(@Body() b: RedeemLinkDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<SignedInView> {
    const r = await this.links.redeem(b.token, b.password, sessionCookieOf(req));
    setSessionCookie(req, res, r.secret);
    return { person: r.person, csrfToken: r.session.csrf_token };
  }

  @Post('people/:id/sign-in-links')
  @UseGuards(AdminGuard)
  @ApiSignedIn()
  @ApiOperation({ operationId: 'createSignInLink', summary: 'Admins: a one-time link that invites a person or resets their password (shown once)' })
  @ApiCreatedResponse({ type: CreatedLinkView })
  @ERROR(400, 'bad kind')
  @ERROR(403, 'not an admin, or (signed in by cookie) the X-CSRF-Token header is missing or wrong')
  @ERROR(404, 'no such person')
  @ERROR(409, 'the person is a service account, deactivated, or has no email')
  async createLink(@Param('id') id: string, @Body() b: CreateLinkDto, @Req() req: Request, @CurrentPrincipal() me: Principal): Promise<CreatedLinkView> {
    const l = await this.links.create(me, id, b.kind, this.config.PUBLIC_URL ?? `${req.protocol}://${req.host}`);
    return { url: l.url, expiresAt: l.expiresAt.toISOString() };
  }
}

/** A 429 carries Retry-After; the error filter writes the body, on this same response. */
async function retryAfter<T>(res: Response, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof TooManySignInAttempts) res.setHeader('Retry-After', String(e.retryAfterSeconds));
    throw e;
  }
}
