import { randomUUID } from 'node:crypto';
import { returnUrlFor, type ReturnUrlTemplate } from '../return-url';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  DomainError,
  EVENT_STORE,
  type EventMetadata,
  type EventStore,
  executeCommand,
  type GlobalPosition,
  loadState,
} from '@rw/event-store';
import { brusselsDay } from '@rw/kernel';
import { type CheckoutRequest, idempotencyKeyFor, PAYMENT_PROVIDER, type PaymentProvider } from '@rw/payments';
import type { MailLanguage } from '../language';
import { editionDecider } from '../edition/decider';
import { EditionNotFound, RegistrationClosed } from '../edition/errors';
import { editionStream, type Route } from '../edition/events';
import { checkAdmission, checkNewTeam, teamDecider } from '../team/decider';
import { teamStream } from '../team/events';
import { uniqueValueDecider } from '../unique-value/decider';
import { UniqueValueTaken } from '../unique-value/errors';
import { uniqueScope, uniqueValueStream } from '../unique-value/events';
import { checkNewWalker, walkerDecider } from '../walker/decider';
import type { RegisterWalker } from '../walker/commands';
import { type WalkerRole, walkerStream } from '../walker/events';
import { newJoinCode, slugCandidates, slugify } from './identifiers';

export class RouteNotInEdition extends DomainError {
  static override readonly code = 'route_not_in_edition';
  readonly kind = 'invalid';
  constructor(routeId: string) {
    super(`route ${routeId} is not a route of this edition`, { params: { routeId } });
  }
}

/** Our reference of a walker's registration fee at the payment provider. */
export const registrationFeeReference = (walkerId: string) => `fee-${walkerId}`;

/**
 * The checkout of a walker's registration fee, the same request every time (its idempotency key derives from the
 * fee's reference): the pay link of the registration mail and the registration's own step open the same checkout.
 */
export function registrationFeeCheckout(walkerId: string, feeCents: number, returnUrl: string): CheckoutRequest {
  const reference = registrationFeeReference(walkerId);
  return {
    reference,
    amountCents: feeCents,
    frequency: 'one_off',
    description: 'Registration fee, Refugee Walk',
    returnUrl,
    idempotencyKey: idempotencyKeyFor(reference),
  };
}

export interface Registration {
  teamId: string;
  teamSlug: string;
  walkerId: string;
  walkerSlug: string;
  joinCode: string;
  registrationFeeCents: number;
  /** Where the walker pays the route's registration fee; absent on a free route. */
  feeCheckoutUrl?: string;
  /** Position of the last event written: the read models include the registration once they reach it. */
  position: GlobalPosition | null;
}

export class RegisterTeamCommand extends Command<Registration> {
  constructor(
    readonly editionId: string,
    readonly team: { name: string; routeId: string; targetCents: number; maxWalkers?: number },
    readonly captain: { name: string; email: string; targetCents?: number; story?: string; language?: MailLanguage },
    /** Where the provider sends the walker back after paying the fee; `{id}` stands for the walker's id. */
    readonly feeReturnUrl: ReturnUrlTemplate,
    readonly at: string,
    readonly metadata: EventMetadata = {},
  ) {
    super();
  }
}

export class JoinTeamCommand extends Command<Registration> {
  constructor(
    readonly teamId: string,
    readonly walker: {
      name: string;
      email: string;
      joinCode: string;
      targetCents?: number;
      story?: string;
      language?: MailLanguage;
    },
    /** Where the provider sends the walker back after paying the fee; `{id}` stands for the walker's id. */
    readonly feeReturnUrl: ReturnUrlTemplate,
    readonly at: string,
    readonly metadata: EventMetadata = {},
  ) {
    super();
  }
}

/**
 * Registration spans several streams, so it is done in an order that keeps every rule: the unique values (team
 * name and walker e-mail within the edition, page addresses) are claimed first, each in a stream of its own with
 * the store's "no_stream" check; then the team and the walker are written. A claim that cannot be completed is
 * released again. Every step is idempotent for the same ids.
 */
abstract class RegistrationSteps {
  constructor(
    protected readonly store: EventStore,
    protected readonly payments: PaymentProvider,
  ) {}

  /** The checkout of a walker's registration fee (never a gift: it is paid to the walker's own stream). */
  protected async feeCheckout(walkerId: string, feeCents: number, returnUrl: string): Promise<string | undefined> {
    if (feeCents <= 0) return undefined;
    const checkout = await this.payments.createCheckout(registrationFeeCheckout(walkerId, feeCents, returnUrl));
    return checkout.checkoutUrl;
  }

  /**
   * Adds the fee's checkout once the registration is complete, outside the claims: a provider that fails now
   * must not undo a registration that is written (the walker can still pay later).
   */
  protected async withFeeCheckout(registration: Registration, returnUrl: ReturnUrlTemplate): Promise<Registration> {
    const { walkerId, registrationFeeCents } = registration;
    try {
      const feeCheckoutUrl = await this.feeCheckout(walkerId, registrationFeeCents, returnUrlFor(returnUrl, walkerId));
      return feeCheckoutUrl ? { ...registration, feeCheckoutUrl } : registration;
    } catch {
      return registration;
    }
  }

  /**
   * The walker's registration, checked as the walker decider checks it (before anything is claimed, so invalid input
   * leaves no trace); its page address is claimed later.
   */
  protected newWalker(
    ids: { walkerId: string; teamId: string; editionId: string },
    walker: RegisterTeamCommand['captain'],
    role: WalkerRole,
    place: { route: Route; walkerMinimumCents: number },
    at: string,
  ): Omit<RegisterWalker, 'slug'> {
    const registration = {
      type: 'RegisterWalker' as const,
      ...ids,
      routeId: place.route.routeId,
      name: walker.name,
      email: walker.email,
      role,
      targetCents: walker.targetCents,
      story: walker.story,
      walkerMinimumCents: place.walkerMinimumCents,
      registrationFeeCents: place.route.registrationFeeCents ?? 0,
      ...(walker.language === undefined ? {} : { language: walker.language }),
      at,
    };
    checkNewWalker(registration);
    return registration;
  }

  /** The last step of a registration: the walker is written, under the page address claimed for them. */
  protected async writeWalker(
    walker: Omit<RegisterWalker, 'slug'>,
    walkerSlug: string,
    team: { teamSlug: string; joinCode: string },
    metadata: EventMetadata,
  ): Promise<Registration> {
    const written = await executeCommand(
      this.store,
      walkerStream(walker.walkerId),
      walkerDecider,
      { ...walker, slug: walkerSlug },
      { metadata },
    );
    return {
      teamId: walker.teamId,
      teamSlug: team.teamSlug,
      walkerId: walker.walkerId,
      walkerSlug,
      joinCode: team.joinCode,
      registrationFeeCents: walker.registrationFeeCents,
      position: written.position,
    };
  }

  protected async edition(editionId: string) {
    const { state } = await loadState(this.store, editionStream(editionId), editionDecider);
    if (state.status === 'none') throw new EditionNotFound(editionId);
    return state;
  }

  /** The edition, refused once its walk is over (Brussels days: the walk's own day still takes registrations). */
  protected async openEdition(editionId: string, at: string) {
    const edition = await this.edition(editionId);
    if (brusselsDay(at) > edition.walkOn) throw new RegistrationClosed(editionId, edition.walkOn);
    return edition;
  }

  protected route(routes: Route[], routeId: string): Route {
    const route = routes.find((r) => r.routeId === routeId);
    if (!route) throw new RouteNotInEdition(routeId);
    return route;
  }

  protected async claim(scope: string, value: string, ownerId: string, at: string, metadata: EventMetadata) {
    await executeCommand(
      this.store,
      uniqueValueStream(scope, value),
      uniqueValueDecider,
      { type: 'ClaimUniqueValue', scope, value, ownerId, at },
      { metadata },
    );
  }

  protected async release(scope: string, value: string, ownerId: string, at: string, metadata: EventMetadata) {
    await executeCommand(
      this.store,
      uniqueValueStream(scope, value),
      uniqueValueDecider,
      { type: 'ReleaseUniqueValue', scope, value, ownerId, at },
      { metadata },
    );
  }

  /** The first free page address made from the name. */
  protected async claimSlug(
    kind: 'team' | 'walker',
    name: string,
    ownerId: string,
    at: string,
    metadata: EventMetadata,
  ) {
    for (const candidate of slugCandidates(slugify(name, kind))) {
      try {
        await this.claim(uniqueScope.slug(kind), candidate, ownerId, at, metadata);
        return candidate;
      } catch (error) {
        if (!(error instanceof UniqueValueTaken)) throw error;
      }
    }
    throw new Error('unreachable');
  }

  /** Refuses, without writing anything, a value that someone else holds (the claim itself settles races). */
  protected async checkFree(scope: string, value: string): Promise<void> {
    const { state } = await loadState(this.store, uniqueValueStream(scope, value), uniqueValueDecider);
    if (state.status === 'claimed') throw new UniqueValueTaken(scope);
  }

  /** Runs `work` after claiming; releases the claim when `work` fails. */
  protected async withClaim<T>(
    claim: { scope: string; value: string; ownerId: string },
    at: string,
    metadata: EventMetadata,
    work: () => Promise<T>,
  ): Promise<T> {
    await this.claim(claim.scope, claim.value, claim.ownerId, at, metadata);
    try {
      return await work();
    } catch (error) {
      await this.release(claim.scope, claim.value, claim.ownerId, at, metadata);
      throw error;
    }
  }
}

@CommandHandler(RegisterTeamCommand)
export class RegisterTeamHandler extends RegistrationSteps implements ICommandHandler<RegisterTeamCommand> {
  constructor(@Inject(EVENT_STORE) store: EventStore, @Inject(PAYMENT_PROVIDER) payments: PaymentProvider) {
    super(store, payments);
  }

  async execute(command: RegisterTeamCommand): Promise<Registration> {
    const { editionId, team, captain, at, metadata } = command;
    const edition = await this.openEdition(editionId, at);
    const route = this.route(edition.routes, team.routeId);
    const teamId = randomUUID();
    const walkerId = randomUUID();
    const joinCode = newJoinCode();
    // the decisions are checked before anything is claimed, so invalid input leaves no trace
    checkNewTeam({ ...team, walkerMinimumCents: edition.walkerMinimumCents });
    const walkerCommand = this.newWalker(
      { walkerId, teamId, editionId },
      captain,
      'captain',
      { route, walkerMinimumCents: edition.walkerMinimumCents },
      at,
    );
    await this.checkFree(uniqueScope.teamName(editionId), team.name);
    await this.checkFree(uniqueScope.walkerEmail(editionId), captain.email);

    const registration = await this.withClaim(
      { scope: uniqueScope.teamName(editionId), value: team.name, ownerId: teamId },
      at,
      metadata,
      () =>
        this.withClaim(
          { scope: uniqueScope.walkerEmail(editionId), value: captain.email, ownerId: walkerId },
          at,
          metadata,
          async () => {
            const teamSlug = await this.claimSlug('team', team.name, teamId, at, metadata);
            const walkerSlug = await this.claimSlug('walker', captain.name, walkerId, at, metadata);
            await executeCommand(
              this.store,
              teamStream(teamId),
              teamDecider,
              {
                type: 'RegisterTeam',
                teamId,
                editionId,
                routeId: route.routeId,
                name: team.name,
                slug: teamSlug,
                targetCents: team.targetCents,
                ...(team.maxWalkers === undefined ? {} : { maxWalkers: team.maxWalkers }),
                captainWalkerId: walkerId,
                joinCode,
                walkerMinimumCents: edition.walkerMinimumCents,
                at,
              },
              { metadata },
            );
            return this.writeWalker(walkerCommand, walkerSlug, { teamSlug, joinCode }, metadata);
          },
        ),
    );
    return this.withFeeCheckout(registration, command.feeReturnUrl);
  }
}

@CommandHandler(JoinTeamCommand)
export class JoinTeamHandler extends RegistrationSteps implements ICommandHandler<JoinTeamCommand> {
  constructor(@Inject(EVENT_STORE) store: EventStore, @Inject(PAYMENT_PROVIDER) payments: PaymentProvider) {
    super(store, payments);
  }

  async execute(command: JoinTeamCommand): Promise<Registration> {
    const { teamId, walker, at, metadata } = command;
    const { state } = await loadState(this.store, teamStream(teamId), teamDecider);
    const walkerId = randomUUID();
    const admit = { type: 'AdmitWalker' as const, teamId, walkerId, joinCode: walker.joinCode, at };
    // after the walk no one joins, whatever the code
    const edition = state.status === 'registered' ? await this.openEdition(state.editionId, at) : undefined;
    // wrong code, closed or full team, unknown team: refused before anything is claimed
    const { team } = checkAdmission(state, admit);
    if (!edition) throw new Error('unreachable: checkAdmission refuses an unknown team');
    const route = this.route(edition.routes, team.routeId);
    const walkerCommand = this.newWalker(
      { walkerId, teamId, editionId: team.editionId },
      walker,
      'member',
      { route, walkerMinimumCents: edition.walkerMinimumCents },
      at,
    );
    await this.checkFree(uniqueScope.walkerEmail(team.editionId), walker.email);

    const registration = await this.withClaim(
      { scope: uniqueScope.walkerEmail(team.editionId), value: walker.email, ownerId: walkerId },
      at,
      metadata,
      async () => {
        const walkerSlug = await this.claimSlug('walker', walker.name, walkerId, at, metadata);
        await executeCommand(this.store, teamStream(teamId), teamDecider, admit, { metadata });
        return this.writeWalker(walkerCommand, walkerSlug, { teamSlug: team.slug, joinCode: team.joinCode }, metadata);
      },
    );
    return this.withFeeCheckout(registration, command.feeReturnUrl);
  }
}
