// The floor: csv-parse streaming the file into arrays and doing nothing else.
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';

let rows = 0;
for await (const record of createReadStream(process.argv[2]).pipe(parse())) rows += record.length > 0 ? 1 : 0;
process.stdout.write(`${rows}\n`);
