// Public surface of the attest module.
export { listRights, createRight, updateRight, approversFor, type AttestRight } from './rights.ts';
export { listSubstitutes, createSubstitute, deleteSubstitute, type Substitute } from './substitutes.ts';
export { registerAttestRoutes } from './routes.ts';
