import { ApiProperty } from '@nestjs/swagger';

/** Every human-facing string of a playbook, in Vietnamese (as written in the seed) and English. */
export class BilingualText {
  @ApiProperty({ example: 'Ca nghi ngờ' }) vi: string;
  @ApiProperty({ example: 'Suspected case' }) en: string;
}
