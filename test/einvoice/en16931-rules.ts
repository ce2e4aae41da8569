// The EN 16931 rules on totals and VAT that flis's Peppol documents rest on, checked by the project's own
// code. Peppol BIS Billing 3.0 is EN 16931 plus the Peppol rules; the standards folder holds the Peppol rules
// (run as published by the schematron engine), not CEN's EN 16931 schematron, so the core of it that a wrong
// figure would break is written here, in our words, named by CEN's rule ids. Amounts are compared exactly:
// flis states every amount to the øre.

import { type OwnRule, amount, inside, offByØre, rule, sumOf } from './own-rules.js';

const TOTAL = '/*/cac:LegalMonetaryTotal';
/** A standard-rated VAT breakdown. */
const STANDARD = "/*/cac:TaxTotal/cac:TaxSubtotal[normalize-space(cac:TaxCategory/cbc:ID) = 'S'][cac:TaxCategory/cac:TaxScheme/normalize-space(upper-case(cbc:ID)) = 'VAT']";

export const EN16931_RULES: readonly OwnRule[] = [
  rule({
    id: 'BR-CO-10',
    context: TOTAL,
    test: `${amount('cbc:LineExtensionAmount')} = ${sumOf('../(cac:InvoiceLine | cac:CreditNoteLine)/cbc:LineExtensionAmount')}`,
    says: 'The sum of line net amounts (BT-106) is the sum of the lines\' net amounts (BT-131).',
    fault: inside('cac:LegalMonetaryTotal', offByØre('cbc:LineExtensionAmount')),
  }),
  rule({
    id: 'BR-CO-13',
    context: TOTAL,
    test: `${amount('cbc:TaxExclusiveAmount')} = ${amount('cbc:LineExtensionAmount')} - ${sumOf('cbc:AllowanceTotalAmount')} + ${sumOf('cbc:ChargeTotalAmount')}`,
    says: 'The total without VAT (BT-109) is the lines\' net amounts less allowances plus charges.',
    fault: offByØre('cbc:TaxExclusiveAmount'),
  }),
  rule({
    id: 'BR-CO-14',
    context: '/*/cac:TaxTotal[cac:TaxSubtotal]',
    test: `${amount('cbc:TaxAmount')} = ${sumOf('cac:TaxSubtotal/cbc:TaxAmount')}`,
    says: 'The total VAT (BT-110) is the sum of the VAT breakdown\'s category amounts (BT-117).',
    fault: inside('cac:TaxTotal', offByØre('cbc:TaxAmount')),
  }),
  rule({
    id: 'BR-CO-15',
    context: TOTAL,
    test: `${amount('cbc:TaxInclusiveAmount')} = ${amount('cbc:TaxExclusiveAmount')} + ${sumOf("../cac:TaxTotal/cbc:TaxAmount[@currencyID = ../../cbc:DocumentCurrencyCode]")}`,
    says: 'The total with VAT (BT-112) is the total without VAT plus the total VAT.',
    fault: offByØre('cbc:TaxInclusiveAmount'),
  }),
  rule({
    id: 'BR-CO-16',
    context: TOTAL,
    test: `${amount('cbc:PayableAmount')} = ${amount('cbc:TaxInclusiveAmount')} - ${sumOf('cbc:PrepaidAmount')} + ${sumOf('cbc:PayableRoundingAmount')}`,
    says: 'The amount due (BT-115) is the total with VAT less the amount paid, plus the rounding.',
    fault: offByØre('cbc:PayableAmount'),
  }),
  rule({
    id: 'BR-S-08',
    context: STANDARD,
    test: `let $rate := ${amount('cac:TaxCategory/cbc:Percent')},
        $here := function($category) { normalize-space($category/cbc:ID) = 'S' and ${amount('$category/cbc:Percent')} = $rate },
        $lines := ../../(cac:InvoiceLine | cac:CreditNoteLine)[$here(cac:Item/cac:ClassifiedTaxCategory)],
        $charges := ../../cac:AllowanceCharge[$here(cac:TaxCategory)]
      return ${amount('cbc:TaxableAmount')} = ${sumOf('$lines/cbc:LineExtensionAmount')} + ${sumOf("$charges[cbc:ChargeIndicator = 'true']/cbc:Amount")} - ${sumOf("$charges[cbc:ChargeIndicator = 'false']/cbc:Amount")}`,
    says: 'The amount taxed at the standard rate (BT-116) is the lines at that rate plus its charges less its allowances.',
    fault: inside('cac:TaxSubtotal', offByØre('cbc:TaxableAmount')),
  }),
  rule({
    id: 'BR-S-09',
    context: STANDARD,
    test: `${amount('cbc:TaxAmount')} = round(${amount('cbc:TaxableAmount')} * ${amount('cac:TaxCategory/cbc:Percent')} div 100, 2)`,
    says: 'The VAT of the standard rate (BT-117) is the amount taxed times the rate, rounded to two decimals.',
    fault: inside('cac:TaxSubtotal', offByØre('cbc:TaxAmount')),
  }),
];
