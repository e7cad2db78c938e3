import { PRODUCT_NAME } from '@sentinel/shared';
it('resolves shared', () => expect(PRODUCT_NAME).toBe('Sentinel Wire'));
