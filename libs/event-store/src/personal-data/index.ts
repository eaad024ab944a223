export * from './donor-key-store';
export * from './personal-data-vault';
export * from './person-keys';
export * from './shared-person-keys';
export * from './adopt-local-keys';
