export const PRODUCT_NAME = 'Sentinel Wire';
export * from './api';
export * from './events';
export * from './taxonomy';
export * from './alerts';
export * from './auth';
export * from './alert-query';
