// class-transformer keeps the `@Type()` of each property in this store; its package declares the file's types
// apart (types/storage.d.ts) without mapping the path, so the OpenAPI document names it here.
declare module 'class-transformer/cjs/storage' {
  export { defaultMetadataStorage } from 'class-transformer/types/storage';
}
