import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  Put,
  Req,
  UnauthorizedException,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type AccountCommand, ExecuteAccountCommand, ROLES, type Role } from '@rw/fundraising';
import { type StaffAccountView, staffAccount, staffAccounts } from '@rw/read-models';
import { ArrayMinSize, ArrayUnique, IsArray, IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { IsEmailAddress } from '@rw/kernel';
import { CLOCK, type Clock } from '../infrastructure/tokens';
import { ProjectionService } from '../infrastructure/projection.service';
import { type AuthenticatedRequest, AuthService, RequireRole, RequireStaff } from './auth';
import { Passwords } from './passwords';

class LoginDto {
  @IsEmailAddress({ message: 'email must be an e-mail address' })
  @MaxLength(254)
  email!: string;

  @IsString()
  @MinLength(1, { message: 'password must not be empty' })
  @MaxLength(1024)
  password!: string;
}

class RolesDto {
  @IsArray()
  @ArrayMinSize(1, { message: 'roles must name at least one role' })
  @ArrayUnique()
  @IsIn(ROLES, { each: true, message: `each role must be one of ${ROLES.join(', ')}` })
  roles!: Role[];
}

class CreateAccountDto extends RolesDto {
  @IsEmailAddress({ message: 'email must be an e-mail address' })
  @MaxLength(254)
  email!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name!: string;

  @IsString()
  @MinLength(12, { message: 'password must be at least 12 characters long' })
  @MaxLength(1024)
  password!: string;
}

/** What an administrator sees of an account (never its password hash or session generation). */
const shown = (account: StaffAccountView) => ({
  id: account.id,
  email: account.email,
  name: account.name,
  roles: account.roles,
  status: account.status,
  createdAt: account.createdAt,
});

@Controller('api')
export class AccountsController {
  constructor(
    private readonly auth: AuthService,
    private readonly passwords: Passwords,
    private readonly commands: CommandBus,
    private readonly projections: ProjectionService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('auth/login')
  @HttpCode(200)
  async login(@Body() body: LoginDto, @Req() request: AuthenticatedRequest): Promise<{ token: string }> {
    const token = await this.auth.login(body.email, body.password, request.ip ?? '');
    if (!token) throw new UnauthorizedException('wrong e-mail address or password');
    return { token };
  }

  @Post('auth/logout')
  @HttpCode(204)
  @RequireStaff()
  async logout(@Req() request: AuthenticatedRequest): Promise<void> {
    if (request.staff) await this.auth.logout(request.staff, String(request.id));
  }

  @Get('accounts')
  @RequireRole('administrator')
  list() {
    return staffAccounts(this.projections.db).map(shown);
  }

  @Post('accounts')
  @RequireRole('administrator')
  async createAccount(@Body() body: CreateAccountDto, @Req() request: AuthenticatedRequest) {
    const accountId = randomUUID();
    await this.run(request, {
      type: 'CreateAccount',
      accountId,
      email: body.email,
      name: body.name,
      roles: body.roles,
      passwordHash: await this.passwords.hash(body.password),
      at: this.clock().toISOString(),
      by: this.by(request),
    });
    return {
      id: accountId,
      email: body.email.trim().toLowerCase(),
      name: body.name.trim(),
      roles: [...new Set(body.roles)].sort(),
    };
  }

  /** The account's roles from now on: granted and withdrawn at once, counted from the holder's next request. */
  @Put('accounts/:id/roles')
  @RequireRole('administrator')
  async changeRoles(@Param('id') id: string, @Body() body: RolesDto, @Req() request: AuthenticatedRequest) {
    const { email } = this.account(id);
    const at = this.clock().toISOString();
    await this.run(request, { type: 'ChangeRoles', accountId: id, email, roles: body.roles, at, by: this.by(request) });
    return shown(this.account(id));
  }

  /** The account can no longer log in and every token it holds stops working from the next request. */
  @Post('accounts/:id/disable')
  @HttpCode(200)
  @RequireRole('administrator')
  async disable(@Param('id') id: string, @Req() request: AuthenticatedRequest) {
    const { email } = this.account(id);
    const at = this.clock().toISOString();
    await this.run(request, { type: 'DisableAccount', accountId: id, email, at, by: this.by(request) });
    return shown(this.account(id));
  }

  /** The account can log in again (its old tokens stay dead). */
  @Post('accounts/:id/enable')
  @HttpCode(200)
  @RequireRole('administrator')
  async enable(@Param('id') id: string, @Req() request: AuthenticatedRequest) {
    const { email } = this.account(id);
    const at = this.clock().toISOString();
    await this.run(request, { type: 'EnableAccount', accountId: id, email, at, by: this.by(request) });
    return shown(this.account(id));
  }

  private account(id: string): StaffAccountView {
    const account = staffAccount(this.projections.db, id);
    if (!account) throw new NotFoundException(`no account ${id}`);
    return account;
  }

  private by(request: AuthenticatedRequest): string {
    return request.staff?.accountId ?? 'unknown';
  }

  private async run(request: AuthenticatedRequest, command: AccountCommand): Promise<void> {
    const outcome = await this.commands.execute(
      new ExecuteAccountCommand(command, { correlationId: String(request.id) }),
    );
    await this.projections.settled(outcome.position);
  }
}
