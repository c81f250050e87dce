// Public surface of the organisation module.
export { listUnits, getUnit, findUnitByCode, createUnit, updateUnit, type OrgUnit, type UnitKind } from './units.ts';
export { ensureStandardDimensions, listDimensions, listValues, findValidValue, createValue, updateValue, standardDimensions, type Dimension, type DimensionValue } from './dimensions.ts';
export { importDimensionValues } from './import-dimension-values.ts';
export { parseDimensionCsv, decodeText } from './parse-dimension-csv.ts';
export { registerOrgRoutes } from './routes.ts';
