import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_VARIABLES } from '../../apps/platform/src/config/config';

// No Docker engine runs in CI: this reads docker-compose.yml and deploy/Caddyfile and checks that they fit
// together and with the platform's settings. (js-yaml comes with jest; YAML merge keys `<<` included.)
const { safeLoad } = require('js-yaml') as { safeLoad: (text: string) => unknown };
const root = join(__dirname, '..', '..');

interface Service {
  image?: string;
  build?: string;
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
  ports?: string[];
  networks?: string[] | Record<string, { ipv4_address?: string }>;
}
const compose = safeLoad(readFileSync(join(root, 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
  networks: Record<string, { ipam: { config: { subnet: string }[] } }>;
};
const caddyfile = readFileSync(join(root, 'deploy', 'Caddyfile'), 'utf8');
const { eventstore, proxy } = compose.services;
const platforms = ['platform-a', 'platform-b'].map((name) => compose.services[name]);

describe('docker-compose.yml: EventStoreDB, two platform instances, a reverse proxy', () => {
  it('runs exactly these services', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['eventstore', 'platform-a', 'platform-b', 'proxy']);
    expect(eventstore.image).toMatch(/^eventstore\/eventstore:\d+\.\d+$/);
    expect(proxy.image).toMatch(/^caddy:/);
  });

  it('gives both instances the very same settings, all of them ones the platform reads, on EventStoreDB', () => {
    const [a, b] = platforms;
    expect(a.environment).toEqual(b.environment);
    const environment = a.environment as Record<string, string>;
    for (const name of Object.keys(environment)) expect(CONFIG_VARIABLES).toContain(name);
    expect(environment.EVENT_STORE).toBe('esdb');
    expect(environment.EVENTSTORE_CONNECTION_STRING).toBe('esdb://eventstore:2113?tls=false');
    // the secrets every instance must share are required: compose refuses to start without them
    for (const name of ['AUTH_TOKEN_SECRET', 'PERSONAL_DATA_SECRET', 'ADMIN_EMAIL', 'ADMIN_PASSWORD']) {
      expect(environment[name]).toMatch(new RegExp(`^\\$\\{${name}:\\?`));
    }
    for (const platform of platforms) {
      expect(platform.depends_on?.eventstore.condition).toBe('service_healthy');
      expect(platform.ports).toBeUndefined(); // reached through the proxy only
    }
  });

  it('keeps each instance’s read models in a volume of its own', () => {
    const data = platforms.map((p) => (p.volumes as string[]).find((v) => v.endsWith(':/data')));
    expect(data).toEqual(['platform-a-data:/data', 'platform-b-data:/data']);
    for (const volume of ['eventstore-data', 'platform-a-data', 'platform-b-data']) {
      expect(compose.volumes).toHaveProperty(volume);
    }
  });

  it('believes X-Forwarded-For from the proxy alone, at its fixed address in the network', () => {
    const address = (proxy.networks as Record<string, { ipv4_address: string }>).internal.ipv4_address;
    expect(platforms[0].environment?.TRUST_PROXY).toBe(address);
    const [subnet] = compose.networks.internal.ipam.config;
    expect(address.startsWith(subnet.subnet.split('.').slice(0, 3).join('.'))).toBe(true);
  });

  it('puts both instances behind the proxy, which sends visitors only to a ready instance', () => {
    expect(proxy.volumes).toContain('./deploy/Caddyfile:/etc/caddy/Caddyfile:ro');
    expect(proxy.depends_on).toEqual({
      'platform-a': { condition: 'service_healthy' },
      'platform-b': { condition: 'service_healthy' },
    });
    expect(caddyfile).toMatch(/reverse_proxy platform-a:3000 platform-b:3000 \{/);
    expect(caddyfile).toMatch(/health_uri \/health\/ready/);
    expect(caddyfile).toMatch(/flush_interval -1/);
    // the image's own health check is readiness too, which the proxy's depends_on waits for
    expect(readFileSync(join(root, 'Dockerfile'), 'utf8')).toMatch(/HEALTHCHECK .*\/health\/ready/);
  });
});
