import { Body, Controller, HttpCode, Inject, Post, Req, UnauthorizedException } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ExecuteAccountCommand, ROLES, type Role } from '@rw/fundraising';
import { ArrayMinSize, ArrayUnique, IsArray, IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { IsEmailAddress } from '../http/email';
import { LoginRateLimit } from '../http/rate-limits';
import { CLOCK, type Clock } from '../infrastructure/tokens';
import { ProjectionService } from '../infrastructure/projection.service';
import { type AuthenticatedRequest, AuthService, RequireRole } from './auth';
import { hashPassword } from './passwords';

class LoginDto {
  @IsEmailAddress({ message: 'email must be an e-mail address' })
  @MaxLength(254)
  email!: string;

  @IsString()
  @MinLength(1, { message: 'password must not be empty' })
  @MaxLength(1024)
  password!: string;
}

class CreateAccountDto {
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

  @IsArray()
  @ArrayMinSize(1, { message: 'roles must name at least one role' })
  @ArrayUnique()
  @IsIn(ROLES, { each: true, message: `each role must be one of ${ROLES.join(', ')}` })
  roles!: Role[];
}

@Controller('api')
export class AccountsController {
  constructor(
    private readonly auth: AuthService,
    private readonly commands: CommandBus,
    private readonly projections: ProjectionService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('auth/login')
  @HttpCode(200)
  @LoginRateLimit()
  async login(@Body() body: LoginDto): Promise<{ token: string }> {
    const token = await this.auth.login(body.email, body.password);
    if (!token) throw new UnauthorizedException('wrong e-mail address or password');
    return { token };
  }

  @Post('accounts')
  @RequireRole('organiser')
  async createAccount(@Body() body: CreateAccountDto, @Req() request: AuthenticatedRequest) {
    const accountId = randomUUID();
    const outcome = await this.commands.execute(
      new ExecuteAccountCommand(
        {
          type: 'CreateAccount',
          accountId,
          email: body.email,
          name: body.name,
          roles: body.roles,
          passwordHash: await hashPassword(body.password),
          at: this.clock().toISOString(),
          by: request.staff?.accountId ?? 'unknown',
        },
        { correlationId: String(request.id) },
      ),
    );
    await this.projections.settled(outcome.position);
    return {
      id: accountId,
      email: body.email.trim().toLowerCase(),
      name: body.name.trim(),
      roles: [...new Set(body.roles)].sort(),
    };
  }
}
