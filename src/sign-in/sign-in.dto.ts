import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_MAX, PASSWORD_MIN } from './passwords.js';

// Internal addresses without a top-level domain (duty.officer@demo) are real here, as in the directory.
const EMAIL = { require_tld: false } as const;
const PASSWORD_RULE = `password must be ${PASSWORD_MIN} to ${PASSWORD_MAX} characters`;

// ---- requests ----

export class SignInDto {
  @ApiProperty({ example: 'duty.officer@demo' })
  @IsEmail(EMAIL, { message: 'email must be an email address' })
  @MaxLength(320)
  email: string;

  @ApiProperty({ example: 'correct horse battery staple', maxLength: PASSWORD_MAX })
  @IsString()
  @IsNotEmpty({ message: 'password must not be empty' })
  @MaxLength(PASSWORD_MAX, { message: `password must be at most ${PASSWORD_MAX} characters` })
  password: string;
}

export class RedeemLinkDto {
  @ApiProperty({ description: 'the part of the link after `#`' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,200}$/, { message: 'token must be the part of the link after "#" (letters, digits, "-" and "_")' })
  token: string;

  @ApiPropertyOptional({ minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX, description: 'required for invite and reset links; optional for sign-in links (sets it when given)' })
  @IsOptional()
  @IsString()
  @MinLength(PASSWORD_MIN, { message: `${PASSWORD_RULE}: at least ${PASSWORD_MIN}` })
  @MaxLength(PASSWORD_MAX, { message: `${PASSWORD_RULE}: at most ${PASSWORD_MAX}` })
  password?: string;
}

export class CreateLinkDto {
  @ApiProperty({ enum: ['invite', 'reset'], description: 'invite: works 7 days; reset: 1 hour. Both set a password.' })
  @IsIn(['invite', 'reset'], { message: 'kind must be "invite" or "reset"' })
  kind: 'invite' | 'reset';
}

// ---- answers ----

export class SignedInPersonView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Cán bộ trực (duty officer)' }) name: string;
  @ApiProperty({ type: String, nullable: true, example: 'duty.officer@demo' }) email: string | null;
  @ApiProperty() admin: boolean;
}

export class SignedInView {
  @ApiProperty({ type: SignedInPersonView }) person: SignedInPersonView;
  @ApiProperty({ description: 'send it back in the X-CSRF-Token header on every POST, PUT, PATCH and DELETE made with the session cookie' })
  csrfToken: string;
}

export class SessionView extends SignedInView {
  @ApiProperty({ type: String, format: 'date-time', description: 'when the session ends unless used again (12 hours idle, 7 days at most)' })
  expiresAt: string;
}

export class LinkPersonView {
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
}

export class LinkView {
  @ApiProperty({ enum: ['invite', 'reset', 'sign-in'] }) kind: 'invite' | 'reset' | 'sign-in';
  @ApiProperty({ type: LinkPersonView }) person: LinkPersonView;
  @ApiProperty({ type: String, format: 'date-time' }) expiresAt: string;
}

export class CreatedLinkView {
  @ApiProperty({ example: 'https://console.example.gov.vn/app/link#…', description: 'shown once; the token is in the fragment, which browsers never send' })
  url: string;
  @ApiProperty({ type: String, format: 'date-time' }) expiresAt: string;
}
