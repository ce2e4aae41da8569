// The engine's input values. Every value read from a file keeps where it came from.

import type { CalendarDate } from './dates.js';
import type { Municipality } from './municipalities.js';

/** Where a value was read: file, 1-based line, and 1-based field (column) where known. */
export interface SourceRef {
  readonly file: string;
  readonly line: number;
  readonly column?: number;
}

/** A roster line (tilslutning): a municipality connected to FLIS and the dates that govern its billing. */
export interface Connection {
  readonly municipality: Municipality;
  /** Tilrådighedsstillelse: the day FLIS was made available to it; payment starts that day. */
  readonly availableFrom: CalendarDate;
  /** First day of its pilot period, if it was a pilot municipality. */
  readonly pilotStart?: CalendarDate;
  /** Udtræden: the first day it is no longer connected. */
  readonly exitDate?: CalendarDate;
  /** 13-digit GLN (EAN) the invoice is addressed to. */
  readonly ean?: string;
  /** The municipality's order or person reference (personreference) for its invoices. */
  readonly reference?: string;
  /** The address its invoices go to, where the roster gives one (it overrides the address compiled into flis). */
  readonly invoiceAddress?: { readonly street: string; readonly buildingNumber: string; readonly postalCode: string; readonly city: string };
  /** Its account string (kontostreng), which goes on its invoices, where the roster gives one. */
  readonly kontostreng?: string;
  readonly source: SourceRef;
}

/** A municipality's population on 1 January of `year`, as DST published it. */
export interface PopulationFigure {
  readonly code: string;
  readonly year: number;
  /** null where DST writes ".." (not available). */
  readonly count: number | null;
  readonly source: SourceRef;
}

/** Population figures by municipality code, then by year (population on 1 January). */
export type PopulationTable = ReadonlyMap<string, ReadonlyMap<number, PopulationFigure>>;

export function populationOn(table: PopulationTable, code: string, year: number): PopulationFigure | undefined {
  return table.get(code)?.get(year);
}
