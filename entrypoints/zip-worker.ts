import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { serveZipThread, type ZipPort } from '@/utils/core/format/zip-thread';

// The zip thread of an export (utils/core/format/zip-thread.ts): a dedicated worker the library
// page starts for each zip, so that deflating runs beside the page's formatting. Wiring only.
export default defineUnlistedScript(() => serveZipThread(self as unknown as ZipPort));
