import { Module } from '@nestjs/common';
import { ImportsController } from './imports.controller';

/** Bank statements and gift lists brought in from files. */
@Module({ controllers: [ImportsController] })
export class ImportsModule {}
