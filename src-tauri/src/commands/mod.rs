//! The commands the UI invokes (`ui/src/api/` has one typed function for each),
//! by part of the work. Each is one call into estate-core; errors reach the UI
//! as `{code, message}`.

mod arrears;
mod backup;
mod dunning;
mod close;
mod estate;
mod fees;
mod handover;
mod inventory;
mod notices;
mod privacy;
mod latefee;
mod register;
mod staff;

pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        arrears::arrears_report,
        dunning::dunning_units,
        dunning::dunning_history,
        dunning::dunning_warnings,
        dunning::dunning_record_contact,
        dunning::dunning_record_delivery,
        dunning::dunning_print_letters,
        dunning::dunning_export_reminders,
        backup::backup_list,
        backup::backup_now,
        backup::restore_backup,
        backup::restore_at_start,
        close::day_summary,
        close::day_clerks,
        close::day_closes,
        close::close_day,
        close::print_handover_sheet,
        estate::startup,
        estate::choose_file,
        estate::create_estate,
        estate::open_estate,
        estate::open_demo,
        estate::close_estate,
        estate::sign_in,
        estate::create_first_supervisor,
        estate::sign_out,
        estate::unlock,
        estate::settings_list,
        estate::set_setting,
        staff::staff_list,
        staff::staff_add,
        staff::staff_set_password,
        staff::staff_change_password,
        staff::staff_deactivate,
        staff::staff_reactivate,
        register::search,
        register::unit_card,
        register::unit_list,
        register::buildings,
        register::add_unit,
        register::edit_unit,
        register::add_occupant,
        privacy::reveal_person,
        privacy::export_person,
        privacy::erase_person,
        register::edit_person,
        register::end_occupancy,
        register::transfer,
        register::add_vehicle,
        register::import_owners,
        fees::unit_balance,
        fees::unit_receipts,
        fees::unit_statement,
        fees::unit_bills,
        fees::fee_items,
        fees::unit_prices,
        fees::add_fee,
        fees::set_price,
        fees::set_unit_price,
        fees::set_quantity,
        fees::billing_preview,
        fees::run_billing,
        fees::waive,
        fees::pay,
        fees::print_receipt,
        fees::void_receipt,
        handover::monthly_headline,
        handover::export_monthly,
        notices::notices_preview,
        notices::print_notices,
        notices::export_notice_messages,
        latefee::late_fee_rules,
        latefee::set_late_fee_rule,
        latefee::clear_late_fee_rule,
        latefee::unit_late_fees,
        inventory::inventory_items,
        inventory::inventory_add_stock,
        inventory::inventory_issue,
        inventory::inventory_return,
        inventory::deposit_print_receipt,
        inventory::inventory_counts,
        inventory::inventory_count,
        inventory::inventory_count_start,
        inventory::inventory_count_record,
        inventory::inventory_count_extra,
        inventory::inventory_count_close,
        inventory::inventory_count_print,
    ]
}
