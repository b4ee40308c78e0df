/** The sections of the standard structure in reading order: defined with their fields in structure.ts. */
export { SECTIONS, SECTION_IDS, SECTION_LABELS, type SectionId } from './structure';
