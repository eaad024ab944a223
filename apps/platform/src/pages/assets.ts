/**
 * The site's stylesheets and scripts are files in `apps/platform/src/assets/`, served with a content hash in their
 * address by `views/assets.ts`. These names stay here for the pages that import them from this module.
 */
export { AssetsController, assetUrl, registerAsset } from '../views/assets';
