import { Module } from '@nestjs/common';
import { MonthlyStartReactor } from './monthly-start.reactor';
import { PledgeFulfilmentReactor } from './pledge-fulfilment.reactor';
import { PledgesDueReactor } from './pledges-due.reactor';
import { REACTORS, type Reactor } from './reactor';
import { ReactorRunner } from './reactor-runner';

/** Effects that follow events (a pledge falls due, a paid gift fulfils its pledge, a monthly subscription starts), each claimed once. */
@Module({
  providers: [
    PledgesDueReactor,
    PledgeFulfilmentReactor,
    MonthlyStartReactor,
    {
      provide: REACTORS,
      inject: [PledgesDueReactor, PledgeFulfilmentReactor, MonthlyStartReactor],
      useFactory: (...reactors: Reactor[]) => reactors,
    },
    ReactorRunner,
  ],
  exports: [ReactorRunner],
})
export class ReactorsModule {}
