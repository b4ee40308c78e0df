import './kinds.css';
import { ContactsField } from './ContactsField';
import { KeyDetailsField } from './KeyDetailsField';
import { LinksField } from './LinksField';
import { ListField } from './ListField';
import { ParagraphsField } from './ParagraphsField';
import { ProtectedPeopleField } from './ProtectedPeopleField';
import { QuotesField } from './QuotesField';
import { LineField, ProseField, UrlField } from './TextFields';
import { ChoiceField } from './ChoiceField';
import { ChangeNotesField } from './ChangeNotesField';
import { DateTimeField, EmbargoField, TimeZoneField } from './TimeFields';
import type { KindProps } from './kind-props';
import { assertNever } from '../../../../../src-shared/release/structure';

/**
 * One field of the structure table, drawn by the one control of its kind. A kind added to the table does not
 * compile until it has a case here.
 */
export function FieldByKind(props: KindProps) {
  const kind = props.spec.kind;
  switch (kind) {
    case 'choice':
      return <ChoiceField {...props} />;
    case 'line':
      return <LineField {...props} />;
    case 'date-time':
      return <DateTimeField {...props} />;
    case 'time-zone':
      return <TimeZoneField {...props} />;
    case 'embargo':
      return <EmbargoField {...props} />;
    case 'list':
      return <ListField {...props} />;
    case 'prose':
      return <ProseField {...props} />;
    case 'key-details':
      return <KeyDetailsField {...props} />;
    case 'paragraphs':
    case 'notes':
      return <ParagraphsField {...props} />;
    case 'quotes':
      return <QuotesField {...props} />;
    case 'contacts':
      return <ContactsField {...props} />;
    case 'url':
      return <UrlField {...props} />;
    case 'links':
      return <LinksField {...props} />;
    case 'protected-people':
      return <ProtectedPeopleField {...props} />;
    case 'change-notes':
      return <ChangeNotesField {...props} />;
    default:
      return assertNever(kind);
  }
}
