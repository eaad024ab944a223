export * from './accounts/projection';
export * from './accounts/queries';
export * from './editions/projection';
export * from './editions/queries';
export * from './projections';
export * from './runner/projection';
export * from './runner/projection-runner';
export * from './runner/read-model-database';
