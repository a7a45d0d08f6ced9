"""Every reason the engine gives, as an English msgid (a whole sentence).

``N_`` only marks a string for extraction (pybabel); surfaces translate the msgid at render time
and then interpolate the reason's ``params``. Citations are never part of a sentence: they travel
as structured data beside it, so translators never touch a legal cite.
"""

from __future__ import annotations


def N_(message: str) -> str:
    return message


MESSAGES: dict[str, str] = {
    # --- reading the record -------------------------------------------------------------
    "code.unreadable": N_(
        "We could not read the code section “%(code)s”. A person needs to look at the record."
    ),
    "code.ambiguous": N_(
        "The code “%(code)s” names more than one offense, so we could not read which one this "
        "conviction is for. A person needs to look at the record."
    ),
    "scope.not_prop64": N_(
        "%(code)s is not one of the cannabis offenses that Prop 64 changed, so HS 11361.8 does "
        "not apply to it."
    ),
    "scope.conspiracy": N_(
        "A conspiracy conviction is not eligible under HS 11361.8, even when the plan involved "
        "cannabis. A court may still be asked to reduce it to a misdemeanor under PC 17(b)."
    ),
    "scope.hs11361": N_(
        "HS 11361 (involving a minor) was not changed by Prop 64, so it is not eligible."
    ),
    "scope.pc4573_6": N_(
        "Having cannabis in a prison or jail is still a crime after Prop 64, so it is not eligible."
    ),
    "scope.hs11379_6": N_(
        "Making concentrated cannabis with chemical solvents is still a felony after Prop 64, so "
        "it is not eligible."
    ),
    "scope.predecessor": N_(
        "%(code)s is a section number used before 1973. Courts have not said whether HS 11361.8 "
        "covers these old sections, so a person at the DA's office must review it."
    ),
    "scope.accessory": N_(
        "Being an accessory needs a felony by the person helped. The same conduct by that person "
        "is not a felony today, so you would not have been guilty of being an accessory, and the "
        "conviction can be dismissed."
    ),
    "scope.accessory_completed": N_(
        "Once the sentence is finished, HS 11361.8(e) speaks of convictions under HS 11357 to "
        "11360. Courts have not settled whether it also reaches an accessory conviction, but the "
        "same reasoning applies."
    ),
    "scope.accessory_felony_still": N_(
        "Being an accessory needs a felony by the person helped, and the same conduct by that "
        "person can still be a felony today, so the accessory conviction gets no relief."
    ),
    "scope.accessory_unknown_target": N_(
        "This is an accessory conviction, and the record does not say which offense it was tied "
        "to, so a person must review it."
    ),
    "scope.attempt": N_(
        "This is an attempt to commit %(section)s. Courts have not settled whether attempts are "
        "covered, but the same rules most likely apply."
    ),
    "scope.wrapper_unknown_target": N_(
        "The record does not say which offense this attempt or conspiracy was about, so a person "
        "must review it."
    ),
    # --- dates ----------------------------------------------------------------------------
    "date.after_effective": N_(
        "The offense happened on or after %(date)s, when Prop 64 took effect. It was already "
        "judged under the new law, so there is nothing more to clear."
    ),
    "date.before_effective": N_(
        "The offense happened before %(date)s, when Prop 64 took effect."
    ),
    "date.offense_assumed": N_(
        "The offense date is not known, so the conviction date (%(date)s) is used in its place."
    ),
    "date.unknown": N_(
        "Neither the offense date nor the conviction date is known. The answer depends on the "
        "date, so a person must review it."
    ),
    "date.offense_unknown_after": N_(
        "The offense date is not known, and the conviction on %(date)s came after Prop 64 took "
        "effect on %(effective)s. The offense itself may have happened before that, so a person "
        "must check the record."
    ),
    "conflict.before_birth": N_(
        "The record gives a date (%(date)s) before the date of birth (%(born)s). Both cannot be "
        "right, so a person must look at the record."
    ),
    "conflict.age_mismatch": N_(
        "The record gives the age at the offense as %(age)d, but the date of birth makes it "
        "%(computed)d. Both cannot be right, so a person must look at the record."
    ),
    "conflict.convicted_before_offense": N_(
        "The record gives a conviction date (%(date)s) before the offense date (%(offense)s). "
        "Both cannot be right, so a person must look at the record."
    ),
    "conflict.impossible_age": N_(
        "The record makes the age at the offense %(age)d, which cannot be right for this "
        "conviction, so a person must look at the record."
    ),
    "conflict.juvenile_adult_age": N_(
        "The record shows a juvenile court case, but the age at the offense was %(age)d. Juvenile "
        "court handles offenses committed before age 18, so a person must look at the record."
    ),
    "conflict.adult_court_age": N_(
        "The record shows an adult court case, but the age at the offense was %(age)d. A cannabis "
        "offense could reach adult court only from age 16, so a person must look at the record."
    ),
    "conflict.subsection_era": N_(
        "The record shows %(code)s, a subsection the law had only after Prop 64, but the offense "
        "happened before November 9, 2016. Both cannot be right, so a person must look at the "
        "record."
    ),
    "conflict.amount_subsection": N_(
        "The record shows %(code)s, but the amount given (%(grams)s grams) does not fit what that "
        "subsection meant on the offense date. A person must look at the record."
    ),
    "conflict.concentrate_subsection": N_(
        "The record shows %(code)s, but whether the cannabis was concentrated does not fit what "
        "that subsection meant on the offense date. A person must look at the record."
    ),
    "conflict.amount_conduct": N_(
        "The record shows %(code)s for giving away or transporting %(grams)s grams, but that "
        "amount fell under HS 11360(b) on the offense date. A person must look at the record."
    ),
    # --- already cleared ------------------------------------------------------------------
    "cleared.already": N_(
        "The record shows this conviction was already cleared under HS 11361.8 or HS 11361.9. "
        "There is nothing to file. Check your record to make sure it was updated."
    ),
    "cleared.granted": N_(
        "The record shows this conviction was cleared under %(route)s on %(date)s. There is "
        "nothing to file. Check your record to make sure it was updated."
    ),
    "cleared.ab1793_identified": N_(
        "The state identified this conviction for automatic relief under HS 11361.9 and the DA "
        "did not challenge it, so the court should already have cleared it. Check your record "
        "first. If it was not cleared, you can still file."
    ),
    "cleared.ab1793_challenged": N_(
        "The DA challenged automatic relief for this conviction under HS 11361.9, so the court "
        "will not clear it on its own. To get relief you must file the petition or application "
        "yourself (form CR-400). The public defender's office can help."
    ),
    "cleared.pc1203_4_no_bar": N_(
        "An earlier dismissal under PC 1203.4 does not stop relief under Prop 64. Courts have "
        "said so for other relief laws, and the same reasoning most likely applies here."
    ),
    "cleared.prop47_no_bar": N_(
        "An earlier reduction under Prop 47 does not stop relief under Prop 64. The conviction "
        "is compared as the misdemeanor it became."
    ),
    # --- what the old section meant -------------------------------------------------------
    "old.11357a_concentrate": N_(
        "On the offense date, HS 11357(a) meant having concentrated cannabis."
    ),
    "old.11357b_small": N_(
        "On the offense date, HS 11357(b) meant having 28.5 grams (one ounce) or less."
    ),
    "old.11357c_large": N_(
        "On the offense date, HS 11357(c) meant having more than 28.5 grams."
    ),
    "old.11357d_school": N_(
        "On the offense date, HS 11357(d) meant having 28.5 grams or less on school grounds."
    ),
    "old.11357e_school_minor": N_(
        "On the offense date, HS 11357(e) meant a person under 18 having 28.5 grams or less on "
        "school grounds."
    ),
    "old.11360b_small": N_(
        "On the offense date, HS 11360(b) meant giving away or transporting 28.5 grams or less."
    ),
    "old.level_felony": N_("At that time, this offense was always a felony."),
    "old.level_misdemeanor": N_("At that time, this offense was always a misdemeanor."),
    "old.level_infraction": N_("At that time, this offense was always an infraction."),
    # --- the same conduct under Prop 64 ------------------------------------------------------
    "new.legal_possess": N_(
        "Under Prop 64, a person 21 or older may have up to 28.5 grams of cannabis or up to 8 "
        "grams of concentrated cannabis. This conduct is now legal."
    ),
    "new.legal_cultivate": N_(
        "Under Prop 64, a person 21 or older may grow up to six plants. This conduct is now legal."
    ),
    "new.legal_transfer": N_(
        "Under Prop 64, a person 21 or older may carry up to 28.5 grams, or give it without pay "
        "to another adult 21 or older. This conduct is now legal."
    ),
    "new.infraction_minor": N_(
        "Under Prop 64, this conduct by a person under 18 is an infraction."
    ),
    "new.infraction_possess_18_20": N_(
        "Under Prop 64, having a small amount at age 18 to 20 is an infraction."
    ),
    "new.infraction_cultivate_18_20": N_(
        "Under Prop 64, growing six plants or fewer at age 18 to 20 is an infraction."
    ),
    "new.infraction_small_transfer": N_(
        "Under Prop 64, giving away or transporting 28.5 grams or less is an infraction."
    ),
    "new.infraction_carry_18_20": N_(
        "Under Prop 64, carrying a small amount for your own use is possession, not transport, "
        "because HS 11360 now covers only transport for sale. At age 18 to 20 it is an "
        "infraction."
    ),
    "new.infraction_gift_18_20": N_(
        "Under Prop 64, giving away 28.5 grams or less is legal only between people 21 or older. "
        "Giving it to a person 18 to 20 is an infraction."
    ),
    "new.misdemeanor_gift_concentrate": N_(
        "Under Prop 64, giving away concentrated cannabis at 18 or older is a misdemeanor, unless "
        "both people are 21 or older and it is 8 grams or less."
    ),
    "new.misdemeanor_possess_large": N_(
        "Under Prop 64, having more than 28.5 grams of cannabis, or more than 8 grams of "
        "concentrated cannabis, at 18 or older is a misdemeanor."
    ),
    "new.misdemeanor_school": N_(
        "Under Prop 64, having cannabis on school grounds at 18 or older is a misdemeanor."
    ),
    "new.misdemeanor_cultivate": N_(
        "Under Prop 64, growing more than six plants at 18 or older is a misdemeanor."
    ),
    "new.misdemeanor_possess_for_sale": N_(
        "Under Prop 64, having cannabis for sale at 18 or older is a misdemeanor."
    ),
    "new.misdemeanor_sell": N_(
        "Under Prop 64, selling, transporting for sale, or giving away cannabis at 18 or older is "
        "a misdemeanor."
    ),
    "new.felony_prior_super_strike": N_(
        "Before this offense there was a conviction for a serious offense on the PC "
        "667(e)(2)(C)(iv) list (%(prior)s), so the same conduct can still be a felony."
    ),
    "new.felony_prior_pc290": N_(
        "Before this offense there was a conviction for an offense that requires sex-offender "
        "registration (%(prior)s), so the same conduct can still be a felony."
    ),
    "new.felony_two_priors": N_(
        "Before this offense there were two or more convictions under HS %(section)s, so the "
        "same conduct can still be a felony."
    ),
    "new.two_priors_unsettled": N_(
        "Courts have not settled whether convictions from before Prop 64 count as the two earlier "
        "convictions the new law speaks of, so a person must review this."
    ),
    "new.felony_minor_sale": N_(
        "Selling or offering cannabis to a person under 18 can still be a felony."
    ),
    "new.felony_used_minor": N_(
        "For an adult 21 or older, hiring or using a person 20 or younger can still be a felony."
    ),
    "new.felony_import": N_(
        "Bringing into or taking out of California more than 28.5 grams of cannabis, or more than "
        "4 grams of concentrated cannabis, can still be a felony."
    ),
    "new.felony_environment": N_(
        "Growing that broke the listed environmental laws can still be a felony."
    ),
    "new.felony_environment_named": N_(
        "The growing broke %(statutes)s, one of the environmental laws listed in HS 11358(d)(3), "
        "so it can still be a felony."
    ),
    # --- comparing then and now -------------------------------------------------------------
    "outcome.dismiss_and_seal": N_(
        "Because the sentence is finished, you can ask the court to dismiss and seal this "
        "conviction. The court must grant it unless the DA proves you do not qualify."
    ),
    "outcome.recall_and_dismiss": N_(
        "Because you are still serving the sentence, you can ask the court to recall the sentence "
        "and dismiss the conviction."
    ),
    "outcome.redesignate_misdemeanor": N_(
        "Because the sentence is finished, you can ask the court to reduce (redesignate) this "
        "conviction to a misdemeanor."
    ),
    "outcome.redesignate_infraction": N_(
        "Because the sentence is finished, you can ask the court to reduce (redesignate) this "
        "conviction to an infraction."
    ),
    "outcome.resentence_misdemeanor": N_(
        "Because you are still serving the sentence, you can ask the court to resentence you for a "
        "misdemeanor."
    ),
    "outcome.resentence_infraction": N_(
        "Because you are still serving the sentence, you can ask the court to resentence you for "
        "an infraction."
    ),
    "outcome.resentence_lower_maximum": N_(
        "Today the most this misdemeanor can bring is six months, not one year. While you are "
        "serving the sentence you can ask to be resentenced, but courts have not settled this."
    ),
    "outcome.same_level": N_(
        "The same conduct is the same level of offense today, so HS 11361.8 gives no relief."
    ),
    "outcome.same_level_lower_maximum": N_(
        "The same conduct is still a misdemeanor today. Once the sentence is finished, a lower "
        "maximum sentence does not give relief, but courts have not settled this."
    ),
    "outcome.felony_still": N_(
        "The same conduct can still be charged as a felony today, so HS 11361.8 gives no relief."
    ),
    "outcome.risk_finding": N_(
        "While you are serving the sentence, the court can say no only if the DA proves with "
        "evidence that relief would be an unreasonable risk to public safety, which means a risk "
        "that you would commit a new super-strike felony."
    ),
    "outcome.juvenile": N_(
        "This is a juvenile adjudication, not an adult conviction. You ask the juvenile court "
        "with forms JV-744 and JV-744A."
    ),
    "outcome.juvenile_reduce": N_(
        "You can ask the juvenile court to reduce this adjudication to an infraction."
    ),
    "outcome.juvenile_same_level": N_(
        "The same conduct by a person under 18 is the same level of offense today, so the "
        "adjudication cannot be reduced."
    ),
    # --- unknown facts -----------------------------------------------------------------------
    "unknown.quantity_presumed": N_(
        "The amount is not known. The court presumes you qualify unless the DA proves otherwise "
        "with clear and convincing evidence."
    ),
    "unknown.plants_presumed": N_(
        "The number of plants is not known. The court presumes you qualify unless the DA proves "
        "otherwise with clear and convincing evidence."
    ),
    "unknown.concentrate_presumed": N_(
        "It is not known whether this was concentrated cannabis. The court presumes you qualify "
        "unless the DA proves otherwise with clear and convincing evidence."
    ),
    "unknown.age_presumed": N_(
        "Your age on the offense date is not known, and it changes the answer. The court presumes "
        "you qualify unless the DA proves otherwise with clear and convincing evidence."
    ),
    "unknown.conduct_presumed": N_(
        "The record does not say whether this was a sale, transport, giving away or import, and "
        "it changes the answer. The court presumes you qualify unless the DA proves otherwise "
        "with clear and convincing evidence."
    ),
    "unknown.recipient_age_presumed": N_(
        "The age of the person who received the cannabis is not known, and it changes the "
        "answer. The court presumes you qualify unless the DA proves otherwise with clear and "
        "convincing evidence."
    ),
    "unknown.level_review": N_(
        "It is not known whether this was a felony, a misdemeanor or an infraction, and that "
        "changes the answer, so a person must review it."
    ),
    "unknown.sentence_assumed_completed": N_(
        "It is not known whether the sentence is finished. This answer assumes it is."
    ),
    "unknown.other_case_custody": N_(
        "Custody or supervision on another case does not count here. What matters is whether you "
        "are still serving the sentence for this conviction."
    ),
    "unknown.prior_date": N_(
        "An earlier conviction (%(prior)s) has no date. It only matters if it came before this "
        "offense, and this answer assumes it did not."
    ),
    "priors.unclear": N_(
        "An earlier conviction (%(prior)s) counts only if it was committed with intent to commit "
        "a sex offense, and the record does not show that, so a person must review it."
    ),
    "priors.after_offense": N_(
        "A later conviction (%(prior)s) came after this offense. Only convictions before the "
        "offense should count, but courts have not settled this."
    ),
    # --- what would change the answer ---------------------------------------------------------
    "change.if_serving": N_(
        "If you are still serving the sentence (in custody, on probation, parole or "
        "supervision), you would ask for resentencing or dismissal with a petition instead."
    ),
    "change.if_small_amount": N_(
        "If the amount was 28.5 grams or less (8 grams or less of concentrated cannabis), the "
        "conviction could be dismissed."
    ),
    "change.if_large_amount_proved": N_(
        "If the DA proves the amount was over the legal limit, the court would reduce the "
        "conviction instead of dismissing it."
    ),
    "change.if_few_plants": N_(
        "If there were six plants or fewer, the conviction could be dismissed."
    ),
    "change.if_many_plants_proved": N_(
        "If the DA proves there were more than six plants, the court would reduce the conviction "
        "instead of dismissing it."
    ),
    "change.if_facts_proved": N_(
        "If the DA proves the facts were otherwise, the court would give the lesser relief "
        "shown instead."
    ),
    "change.if_felony_facts": N_(
        "If the offense involved a minor, large imports or exports, or environmental harm, the "
        "conduct could still be a felony and there would be no relief."
    ),
    "change.if_after_effective": N_(
        "If the offense happened on or after November 9, 2016, Prop 64 relief would not apply."
    ),
    "change.if_offense_before": N_(
        "If the offense itself happened before November 9, 2016, relief may be possible."
    ),
    "change.if_prior_before": N_(
        "If the earlier conviction came before this offense, the conduct could still be a felony "
        "and there would be no relief."
    ),
    "change.if_prior_counts": N_(
        "If the earlier conviction counts, the conduct could still be a felony and there would be "
        "no relief."
    ),
    "change.if_felony": N_(
        "If this was a felony, the court could reduce it to a misdemeanor."
    ),
    # --- the person ------------------------------------------------------------------------
    "person.deceased": N_(
        "The person has died and cannot file for themselves. HS 11361.8 does not say who may "
        "file for someone who has died, so ask a lawyer whether a family member or the estate "
        "can. The conviction may already have been cleared by the automatic review of HS "
        "11361.9, so check the record, and the DA's office can be asked to review it."
    ),
    "person.deceased_program": N_(
        "The district attorney programs of these counties dismissed convictions of people who "
        "had died: %(counties)s."
    ),
    # --- county programs (each cites the program's own source) -----------------------------
    "county.program_dismisses": N_(
        "%(county)s County's district attorney program dismisses convictions like this one, "
        "which is more than the law alone gives. It may already have been dismissed, so check "
        "your record. If it was not, you can ask the DA's office to review it, besides filing "
        "with the court."
    ),
    "county.program_may_have_cleared": N_(
        "%(county)s County's district attorney program cleared convictions like this one, although "
        "the law alone gives no relief for it. It may already have been cleared, so check your "
        "record. Nothing can be filed for it under HS 11361.8."
    ),
    "county.condition_unknown": N_(
        "%(county)s County's district attorney program may have cleared this conviction, but we "
        "do not know enough to tell whether its conditions were met on %(date)s, the day it ran. "
        "Check your record. The answer under the law stands either way."
    ),
    "county.criterion_misdemeanor": N_(
        "The program dismissed cannabis misdemeanors and infractions."
    ),
    "county.criterion_section": N_(
        "The program dismissed every felony under HS %(section)s."
    ),
    "county.criterion_age": N_(
        "The program dismissed convictions of people who were %(age)d or older on %(date)s, the "
        "day it ran."
    ),
    "county.criterion_under_21": N_(
        "The program dismissed convictions for offenses committed before age 21."
    ),
    "county.criterion_crime_free": N_(
        "The program dismissed convictions of people with no conviction in the %(years)d years "
        "before %(date)s, the day it ran."
    ),
    "county.criterion_single_completed": N_(
        "The program dismissed a person's only conviction once the sentence was finished."
    ),
    "county.criterion_only_prop64": N_(
        "The program dismissed convictions of people whose only convictions were cannabis "
        "offenses and whose sentences were finished."
    ),
    "county.criterion_deceased": N_(
        "The program dismissed convictions of people who had died."
    ),
    "county.related_charge": N_(
        "%(county)s County's district attorney program also dismissed charges like this one when "
        "they were part of the same case as a cannabis conviction. It may already have been "
        "dismissed, so check your record."
    ),
    "county.before_program": N_(
        "%(county)s County's district attorney program reviewed convictions from %(year)d on by "
        "itself. The DA's office reviews an older conviction only when asked, so you can also ask "
        "for a review."
    ),
}


def message(message_id: str) -> str:
    return MESSAGES[message_id]
