//! The verification checklist, from the recommendations of the 2022 US
//! State/Treasury/FBI advisory on DPRK IT workers: what a hiring team does
//! before and after an offer, tracked per case (pending / done / failed).

/// One item: a stable id (stored), what to do, and why it matters.
pub struct Item {
    pub id: &'static str,
    pub label: &'static str,
    pub why: &'static str,
}

pub const ITEMS: &[Item] = &[
    Item {
        id: "video_interview",
        label: "Live video interview with the camera on and the background unobscured",
        why: "Workers hiding their identity avoid video or use a stand-in; the advisory recommends video interviews.",
    },
    Item {
        id: "id_document",
        label: "ID document matches the name and the photo",
        why: "Borrowed, forged or altered identity documents are a named red flag.",
    },
    Item {
        id: "education_verified",
        label: "Education verified directly with the school",
        why: "Claimed degrees are often unverifiable or belong to someone else.",
    },
    Item {
        id: "employment_verified",
        label: "Employment verified through independently found contacts",
        why: "Past employers listed by impostors can be fabricated or reached through the candidate's accomplices.",
    },
    Item {
        id: "shipping_address",
        label: "Equipment shipping address matches the ID",
        why: "Requests to ship laptops to another address (laptop farms) are a named red flag.",
    },
    Item {
        id: "bank_account",
        label: "Bank account holder name matches the candidate",
        why: "Payment to accounts in other names, or changing payment details, is a named red flag.",
    },
    Item {
        id: "no_remote_desktop",
        label: "No remote-desktop tools on company devices",
        why: "Remote-desktop software lets someone elsewhere operate the device given to the hire.",
    },
    Item {
        id: "independent_references",
        label: "References not supplied by the candidate",
        why: "References supplied by the candidate may be accomplices.",
    },
];

pub fn item(id: &str) -> Option<&'static Item> {
    ITEMS.iter().find(|i| i.id == id)
}
