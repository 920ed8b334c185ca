import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'isPublic';
/** Marks a route that needs no bearer token (only /health; /docs is served outside Nest's router). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
