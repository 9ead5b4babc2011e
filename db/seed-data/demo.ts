/**
 * The demo agency's clients, written by hand so a Chinese-speaking reviewer finds them
 * natural: real county codes and streets, 字号 that fit the trade, account names and
 * introductions a client would write. Everything random (people's names, ID numbers,
 * stages, dates) is drawn from these by db/seed-data/plan.ts with a fixed seed.
 */
import type { SubjectType } from "@/lib/clients/kinds";
import type { DocumentKind, DocumentStatus } from "@/lib/documents/kinds";
import type { Stage, Waiting } from "@/lib/registration/pipelines";

export type DemoAccountSpec = {
  name: string;
  type: "service" | "subscription";
  /** At most 120 characters (domain.md B9). */
  intro: string;
  /** Pins the card's stage; otherwise plan.ts spreads cards over every stage. */
  stage?: Stage;
  waiting?: Waiting;
  /** The name before a rename (domain.md B8), kept in the name history. */
  formerName?: string;
  /** Pins document statuses on this card, extra kinds included (the demo client's portal). */
  documents?: Partial<Record<DocumentKind, DocumentStatus>>;
};

export type DemoWecomSpec = { shortName: string; stage?: Stage };

export type DemoOrgSpec = {
  key: string;
  subjectType: Exclude<SubjectType, "individual" | "overseas_company">;
  zh: string;
  en: string;
  industry: string;
  scale: string;
  /** County code, one of names.ts CITIES. */
  city: string;
  /** The address after the city prefix. */
  street: string;
  /** A fixed USCC (the demo client company); otherwise generated. */
  uscc?: string;
  /** Registration authority and category (USCC characters 1-2) when not implied by the subject type. */
  usccPrefix?: string;
  accounts: DemoAccountSpec[];
  wecom?: DemoWecomSpec;
  /** A NAMED_PEOPLE key: that person operates this company's accounts. */
  operator?: string;
  /** An older company that also keeps its pre-2015 organisation code certificate. */
  legacyOrgCode?: boolean;
};

export type DemoIndividualSpec = {
  key: string;
  name: string;
  pinyin: string;
  sex: "male" | "female";
  birthYear: number;
  city: string;
  industry: string;
  account: Omit<DemoAccountSpec, "type">;
};

export type DemoOverseasSpec = {
  key: string;
  en: string;
  zh?: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  registrationNumber: string;
  industry: string;
  scale: string;
  address: string;
  contact: { name: string; passport: string; email: string; mobile: string };
  account: Omit<DemoAccountSpec, "type">;
  wecom?: DemoWecomSpec;
};

/** People who appear by name, because the story needs them. */
export const NAMED_PEOPLE: Record<string, { name: string; pinyin: string; sex: "male" | "female"; birthYear: number }> = {
  // The demo client's administrator (client@qinghe.example) is also its operator.
  chenJing: { name: "陈静", pinyin: "Chen Jing", sex: "female", birthYear: 1991 },
  // A freelance operator who runs the accounts of two small clients: both slots of her ID.
  linKexin: { name: "林可欣", pinyin: "Lin Kexin", sex: "female", birthYear: 1994 },
};

export const DEMO_ORGS: readonly DemoOrgSpec[] = [
  {
    key: "qinghe", subjectType: "enterprise",
    zh: "上海青禾文化传播有限公司", en: "Shanghai Qinghe Culture Media Co., Ltd.", uscc: "91310110666007217T",
    industry: "文化传媒", scale: "51-200", city: "310110", street: "国定路335号2号楼1105室", operator: "chenJing",
    accounts: [
      { name: "青禾文化", type: "service", intro: "青禾文化官方服务号：城市文化活动、展览与演出信息，在线预约与购票。", stage: "documents", waiting: "client",
        documents: { authorisation_letter: "rejected", logo: "uploaded", other: "requested" } },
      { name: "青禾读书会", type: "subscription", intro: "每周一本好书，每月一次线下读书会。和青禾一起，慢慢读。", stage: "registered" },
    ],
    wecom: { shortName: "青禾文化", stage: "corp_created" },
  },
  {
    key: "xixi", subjectType: "enterprise",
    zh: "杭州西溪味道餐饮管理有限公司", en: "Hangzhou Xixi Weidao Catering Management Co., Ltd.",
    industry: "餐饮", scale: "201-500", city: "330106", street: "文三路259号昌地火炬大厦1号楼5层",
    accounts: [
      { name: "西溪味道", type: "service", intro: "杭帮菜连锁品牌。会员积分、门店排队、外卖点单，一号搞定。" },
      { name: "西溪味道美食志", type: "subscription", intro: "时令杭帮菜的故事与做法，门店新品抢先看。" },
    ],
    wecom: { shortName: "西溪味道" },
  },
  {
    key: "qimingxing", subjectType: "enterprise",
    zh: "北京启明星教育科技有限公司", en: "Beijing Qimingxing Education Technology Co., Ltd.",
    industry: "教育培训", scale: "201-500", city: "110108", street: "中关村大街27号中关村大厦8层",
    accounts: [
      { name: "启明星课堂", type: "service", intro: "中小学在线课程、课表查询与学习报告，家长一站式服务。", stage: "registered" },
      { name: "启明星家长圈", type: "subscription", intro: "升学政策解读、学习方法与亲子沟通，陪孩子一起成长。", stage: "under_review" },
    ],
    wecom: { shortName: "启明星教育" },
  },
  {
    key: "haifan", subjectType: "enterprise",
    zh: "深圳市海帆跨境电子商务有限公司", en: "Shenzhen Haifan Cross-border E-commerce Co., Ltd.",
    industry: "跨境电商", scale: "51-200", city: "440305", street: "科技南十二路18号长虹科技大厦15楼",
    accounts: [{ name: "海帆出海", type: "subscription", intro: "跨境电商选品、物流与平台规则，卖家每天五分钟。", stage: "type_chosen" }],
  },
  {
    key: "kangwei", subjectType: "enterprise",
    zh: "苏州康维医疗器械有限公司", en: "Suzhou Kangwei Medical Devices Co., Ltd.",
    industry: "医疗器械", scale: "201-500", city: "320505", street: "狮山路88号金河国际大厦12楼", legacyOrgCode: true,
    accounts: [{ name: "康维医疗", type: "service", intro: "康维医疗器械官方服务号：产品资料、售后报修与经销商服务。" }],
    wecom: { shortName: "康维医疗" },
  },
  {
    key: "jinli", subjectType: "enterprise",
    zh: "成都锦里茶事餐饮有限公司", en: "Chengdu Jinli Chashi Catering Co., Ltd.",
    industry: "餐饮", scale: "51-200", city: "510107", street: "武侯祠大街231号",
    accounts: [{ name: "锦里茶事", type: "service", intro: "一杯盖碗茶，半日闲时光。门店预订、茶点外卖与会员储值。" }],
  },
  {
    key: "yuesen", subjectType: "enterprise",
    zh: "广州悦森文化传媒有限公司", en: "Guangzhou Yuesen Culture Media Co., Ltd.",
    industry: "文化传媒", scale: "21-50", city: "440106", street: "体育西路103号维多利广场A塔2106室",
    accounts: [{ name: "悦森映像", type: "subscription", intro: "品牌短片、活动摄影与影像故事，记录城市里的好品牌。" }],
  },
  {
    key: "chucai", subjectType: "enterprise",
    zh: "武汉楚才教育咨询有限公司", en: "Wuhan Chucai Education Consulting Co., Ltd.",
    industry: "教育培训", scale: "21-50", city: "420106", street: "中北路109号中城国际A座10层",
    accounts: [{ name: "楚才升学", type: "service", intro: "湖北中高考政策、志愿填报与升学规划，一对一咨询预约。" }],
  },
  {
    key: "ludao", subjectType: "enterprise",
    zh: "厦门鹭岛海鲜酒楼有限公司", en: "Xiamen Ludao Seafood Restaurant Co., Ltd.",
    industry: "餐饮", scale: "51-200", city: "350203", street: "鹭江道8号国际银行大厦裙楼2层",
    accounts: [{ name: "鹭岛海鲜", type: "service", intro: "闽南海鲜酒楼，包厢预订、宴席定制与每日海鲜时价。" }],
    wecom: { shortName: "鹭岛海鲜" },
  },
  {
    key: "yunqi", subjectType: "enterprise",
    zh: "南京云栖软件科技有限公司", en: "Nanjing Yunqi Software Technology Co., Ltd.",
    industry: "软件和信息技术", scale: "51-200", city: "320102", street: "珠江路88号新世界中心B座2303室",
    accounts: [{ name: "云栖软件", type: "service", intro: "企业协同与数据中台解决方案，产品文档、工单与客户成功服务。" }],
    wecom: { shortName: "云栖软件" },
  },
  {
    key: "langang", subjectType: "enterprise",
    zh: "青岛蓝港国际贸易有限公司", en: "Qingdao Langang International Trade Co., Ltd.",
    industry: "进出口贸易", scale: "21-50", city: "370202", street: "香港中路10号颐和国际A座2801室",
    accounts: [{ name: "蓝港优选", type: "service", intro: "进口食品与日用好物，保税仓直发，正品可溯源。" }],
  },
  {
    key: "qinweifang", subjectType: "enterprise",
    zh: "西安秦味坊食品有限公司", en: "Xi'an Qinweifang Food Co., Ltd.",
    industry: "食品", scale: "51-200", city: "610113", street: "小寨东路126号百隆广场18层",
    accounts: [{ name: "秦味坊", type: "service", intro: "老西安的味道：肉夹馍、凉皮与腊牛肉，线上下单，全国冷链到家。" }],
  },
  {
    key: "shancheng", subjectType: "enterprise",
    zh: "重庆山城速运物流有限公司", en: "Chongqing Shancheng Express Logistics Co., Ltd.",
    industry: "物流", scale: "201-500", city: "500103", street: "民族路188号环球金融中心32层",
    accounts: [{ name: "山城速运", type: "service", intro: "同城急送与西南干线物流，在线下单、运单查询与电子回单。" }],
    wecom: { shortName: "山城速运" },
  },
  {
    key: "ruikang", subjectType: "enterprise",
    zh: "天津瑞康医药连锁有限公司", en: "Tianjin Ruikang Pharmacy Chain Co., Ltd.",
    industry: "医药零售", scale: "501-1000", city: "120101", street: "南京路219号天津中心写字楼20层",
    accounts: [{ name: "瑞康大药房", type: "service", intro: "瑞康大药房会员服务：用药咨询、慢病提醒与门店自提。" }],
    wecom: { shortName: "瑞康医药" },
  },
  {
    key: "anchong", subjectType: "enterprise",
    zh: "上海安宠宠物医院有限公司", en: "Shanghai Anchong Pet Hospital Co., Ltd.",
    industry: "宠物医疗", scale: "21-50", city: "310104", street: "漕溪北路375号1层",
    accounts: [{ name: "安宠宠物医院", type: "service", intro: "24小时宠物急诊，疫苗驱虫、体检预约与在线问诊。" }],
  },
  {
    key: "pujiang", subjectType: "enterprise",
    zh: "上海浦江数字营销有限公司", en: "Shanghai Pujiang Digital Marketing Co., Ltd.",
    industry: "广告营销", scale: "51-200", city: "310115", street: "张江路665号3层",
    accounts: [{ name: "浦江营销观察", type: "subscription", intro: "私域运营、内容营销与投放复盘，写给市场人的实战笔记。" }],
  },
  {
    key: "youpin", subjectType: "enterprise",
    zh: "深圳市优品智能硬件有限公司", en: "Shenzhen Youpin Smart Hardware Co., Ltd.",
    industry: "智能硬件", scale: "201-500", city: "440305", street: "深南大道9966号威盛科技大厦11楼",
    accounts: [{ name: "优品智能", type: "service", intro: "智能门锁与家居传感器：设备绑定、固件升级与售后服务。" }],
    wecom: { shortName: "优品智能" },
  },
  {
    key: "lingnan", subjectType: "enterprise",
    zh: "广州岭南美妆化妆品有限公司", en: "Guangzhou Lingnan Cosmetics Co., Ltd.",
    industry: "美妆个护", scale: "51-200", city: "440104", street: "环市东路368号花园大厦9楼", operator: "linKexin",
    accounts: [{ name: "岭南美妆", type: "service", intro: "国货护肤品牌岭南美妆，会员福利、新品试用与肤质测试。", stage: "profile_submitted" }],
  },
  {
    key: "zhixing", subjectType: "enterprise",
    zh: "杭州知行在线教育科技有限公司", en: "Hangzhou Zhixing Online Education Technology Co., Ltd.",
    industry: "教育培训", scale: "51-200", city: "330108", street: "江南大道588号恒鑫大厦7层",
    accounts: [{ name: "知行学堂", type: "service", intro: "职场技能在线课：Excel、PPT与数据分析，学完即用。" }],
  },
  {
    key: "yuedong", subjectType: "enterprise",
    zh: "北京悦动健身管理有限公司", en: "Beijing Yuedong Fitness Management Co., Ltd.",
    industry: "健身运动", scale: "51-200", city: "110105", street: "建国路93号万达广场B座1203室",
    accounts: [{ name: "悦动健身", type: "service", intro: "团课预约、私教排期与体测报告，悦动会员专属服务。" }],
  },
  {
    key: "ladao", subjectType: "enterprise",
    zh: "长沙辣道餐饮连锁有限公司", en: "Changsha Ladao Catering Chain Co., Ltd.",
    industry: "餐饮", scale: "201-500", city: "430104", street: "麓山南路932号",
    accounts: [{ name: "辣道湘菜", type: "service", intro: "正宗湘菜连锁，扫码点餐、排号与会员储值，辣得地道。" }],
    wecom: { shortName: "辣道餐饮" },
  },
  {
    key: "dianchi", subjectType: "enterprise",
    zh: "昆明滇池假日旅游发展有限公司", en: "Kunming Dianchi Holiday Tourism Development Co., Ltd.",
    industry: "旅游", scale: "51-200", city: "530102", street: "东风西路11号顺城王府井写字楼15层",
    accounts: [{ name: "滇池假日旅行", type: "service", intro: "昆明、大理、丽江精品小团游，行程定制与在线签约。" }],
  },
  {
    key: "minghui", subjectType: "enterprise",
    zh: "宁波明辉家居用品有限公司", en: "Ningbo Minghui Home Products Co., Ltd.",
    industry: "家居", scale: "201-500", city: "330203", street: "中山西路138号天宁大厦16楼",
    accounts: [{ name: "明辉家居", type: "service", intro: "收纳整理与厨房好物，工厂直供，售后无忧。" }],
  },
  {
    key: "minjiang", subjectType: "enterprise",
    zh: "福州闽江茶业有限公司", en: "Fuzhou Minjiang Tea Co., Ltd.",
    industry: "茶叶", scale: "21-50", city: "350102", street: "五四路158号环球广场22层",
    accounts: [{ name: "闽江茶语", type: "subscription", intro: "福建茶山故事：岩茶、白茶与茉莉花茶的品鉴与冲泡。" }],
  },
  {
    key: "jinggong", subjectType: "enterprise",
    zh: "东莞市精工模具制造有限公司", en: "Dongguan Jinggong Mould Manufacturing Co., Ltd.",
    industry: "制造业", scale: "501-1000", city: "441900", street: "长安镇振安中路368号", legacyOrgCode: true,
    accounts: [{ name: "精工模具", type: "service", intro: "精密注塑模具设计与制造，在线询价、进度查询与技术文档。" }],
    wecom: { shortName: "精工模具" },
  },
  {
    key: "yefeng", subjectType: "enterprise",
    zh: "海口椰风旅游文化有限公司", en: "Haikou Yefeng Tourism & Culture Co., Ltd.",
    industry: "旅游", scale: "21-50", city: "460108", street: "海府路36号华汇大厦8楼",
    accounts: [{ name: "椰风海岛游", type: "service", intro: "海南环岛游与潜水体验，酒店机票打包预订，全程管家服务。" }],
  },
  {
    key: "anhe", subjectType: "enterprise",
    zh: "北京安和口腔门诊部有限公司", en: "Beijing Anhe Dental Clinic Co., Ltd.",
    industry: "医疗服务", scale: "21-50", city: "110101", street: "东直门南大街5号中青旅大厦2层",
    accounts: [{ name: "安和口腔", type: "service", intro: "口腔检查、洁牙与正畸咨询，在线预约医生，就诊提醒。" }],
  },
  {
    key: "borui", subjectType: "enterprise",
    zh: "上海博睿留学咨询有限公司", en: "Shanghai Borui Study Abroad Consulting Co., Ltd.",
    industry: "教育培训", scale: "21-50", city: "310106", street: "南京西路1266号恒隆广场二期35楼",
    accounts: [{ name: "博睿留学", type: "service", intro: "英美澳加留学申请、选校定位与文书辅导，免费评估预约。" }],
  },
  {
    key: "pengcheng", subjectType: "enterprise",
    zh: "深圳市鹏程财税咨询有限公司", en: "Shenzhen Pengcheng Tax Consulting Co., Ltd.",
    industry: "财税服务", scale: "21-50", city: "440304", street: "益田路6001号太平金融大厦26楼",
    accounts: [{ name: "鹏程财税", type: "subscription", intro: "小微企业财税政策速读：发票、社保与个税，一看就懂。" }],
  },
  {
    key: "baicaotang", subjectType: "enterprise",
    zh: "南京百草堂中医诊所有限公司", en: "Nanjing Baicaotang TCM Clinic Co., Ltd.",
    industry: "医疗服务", scale: "21-50", city: "320106", street: "中山北路101号",
    accounts: [{ name: "百草堂中医", type: "service", intro: "名老中医坐诊信息、挂号预约与膏方定制，四季养生提醒。" }],
  },
  {
    key: "gusu", subjectType: "enterprise",
    zh: "苏州姑苏绣坊文化发展有限公司", en: "Suzhou Gusu Xiufang Culture Development Co., Ltd.",
    industry: "文化传媒", scale: "1-20", city: "320508", street: "平江路158号",
    accounts: [{ name: "姑苏绣坊", type: "subscription", intro: "苏绣非遗手作：作品赏析、体验课报名与定制礼品。" }],
  },
  {
    key: "kangrui", subjectType: "enterprise",
    zh: "武汉康瑞生物科技有限公司", en: "Wuhan Kangrui Biotechnology Co., Ltd.",
    industry: "医疗器械", scale: "51-200", city: "420111", street: "珞喻路1037号光谷科技园C栋4楼",
    accounts: [{ name: "康瑞生物", type: "service", intro: "体外诊断试剂与检测服务，产品注册信息、报告查询与技术支持。" }],
    wecom: { shortName: "康瑞生物" },
  },
  {
    key: "xiongmao", subjectType: "enterprise",
    zh: "成都熊猫谷文化创意有限公司", en: "Chengdu Panda Valley Creative Co., Ltd.",
    industry: "文化创意", scale: "21-50", city: "510104", street: "春熙路南段8号",
    accounts: [{ name: "熊猫谷文创", type: "service", intro: "熊猫主题文创礼品，团购定制、门店活动与新品发布。" }],
  },
  // 个体工商户: registered by market regulation with category 2.
  {
    key: "afang", subjectType: "individual_business",
    zh: "杭州市上城区阿芳花艺店", en: "Afang Florist, Shangcheng District, Hangzhou",
    industry: "零售", scale: "1-20", city: "330102", street: "河坊街182号",
    accounts: [{ name: "阿芳花艺", type: "subscription", intro: "每日鲜花、节日花礼与插花小课，杭州同城配送。" }],
  },
  {
    key: "laochen", subjectType: "individual_business",
    zh: "广州市天河区老陈烧腊店", en: "Lao Chen Roast Meat Shop, Tianhe District, Guangzhou",
    industry: "餐饮", scale: "1-20", city: "440106", street: "石牌东路28号首层", operator: "linKexin",
    accounts: [{ name: "老陈烧腊", type: "subscription", intro: "三十年老字号广式烧腊，叉烧烧鹅每日现烧，提前预订免排队。", stage: "registered" }],
  },
  {
    key: "moxiang", subjectType: "individual_business",
    zh: "西安市雁塔区墨香书法工作室", en: "Moxiang Calligraphy Studio, Yanta District, Xi'an",
    industry: "教育培训", scale: "1-20", city: "610113", street: "雁塔南路300号曲江国际大厦3层",
    accounts: [{ name: "墨香书法", type: "subscription", intro: "少儿与成人书法课，硬笔软笔循序渐进，课程报名与作品展示。" }],
  },
  // Government, media and other organisations: other registration authorities.
  {
    key: "shinan", subjectType: "government",
    zh: "青岛市市南区文化和旅游局", en: "Culture and Tourism Bureau of Shinan District, Qingdao",
    industry: "政府机关", scale: "51-200", city: "370202", street: "宁夏路286号",
    accounts: [{ name: "市南文旅", type: "service", intro: "市南区文化活动、景区开放与文旅政策发布，公共文化服务预约。" }],
  },
  {
    key: "jiangcheng", subjectType: "media",
    zh: "江城晚报社", en: "Jiangcheng Evening News",
    industry: "新闻媒体", scale: "201-500", city: "420106", street: "东湖路181号",
    accounts: [{ name: "江城晚报", type: "subscription", intro: "武汉本地新闻、民生热点与城市故事，每天傍晚见。" }],
  },
  {
    key: "xingyu", subjectType: "other_org",
    zh: "南京市玄武区星语儿童康复中心", en: "Xingyu Children's Rehabilitation Centre, Xuanwu District, Nanjing",
    industry: "社会服务", scale: "21-50", city: "320102", street: "龙蟠路155号",
    accounts: [{ name: "星语康复", type: "subscription", intro: "孤独症儿童康复训练与家长课堂，公益活动招募志愿者。" }],
  },
  {
    key: "pudongcoffee", subjectType: "other_org",
    zh: "上海市浦东新区咖啡行业协会", en: "Pudong New Area Coffee Industry Association, Shanghai",
    industry: "行业协会", scale: "1-20", city: "310115", street: "世纪大道1568号中建大厦9层",
    usccPrefix: "51",
    accounts: [{ name: "浦东咖啡", type: "subscription", intro: "浦东咖啡地图、行业活动与会员动态，咖啡节报名入口。" }],
  },
];

export const DEMO_INDIVIDUALS: readonly DemoIndividualSpec[] = [
  { key: "liwanqing", name: "李婉清", pinyin: "Li Wanqing", sex: "female", birthYear: 1990, city: "330106", industry: "美食",
    account: { name: "婉清的私房菜", intro: "每周三道家常菜，普通食材做出餐厅味道。", stage: "registered", formerName: "婉清家的厨房" } },
  { key: "chensiyuan", name: "陈思远", pinyin: "Chen Siyuan", sex: "male", birthYear: 1988, city: "510107", industry: "旅行摄影",
    account: { name: "思远在路上", intro: "一个人、一台相机，记录川西和西北的路与人。" } },
  { key: "wangyutong", name: "王雨桐", pinyin: "Wang Yutong", sex: "female", birthYear: 1992, city: "110108", industry: "心理咨询",
    account: { name: "雨桐心理小站", intro: "国家二级心理咨询师，聊聊情绪、关系与自我成长。" } },
  { key: "liujianhua", name: "刘建华", pinyin: "Liu Jianhua", sex: "male", birthYear: 1968, city: "610113", industry: "书法教学",
    account: { name: "建华习字", intro: "每日一字，讲结构、讲笔法，零基础也能写好字。" } },
  { key: "zhouxiaowen", name: "周晓雯", pinyin: "Zhou Xiaowen", sex: "female", birthYear: 1987, city: "310104", industry: "亲子阅读",
    account: { name: "晓雯读绘本", intro: "两个孩子的妈妈，每周推荐好绘本，分享亲子共读的方法。" } },
  { key: "huangzhiqiang", name: "黄志强", pinyin: "Huang Zhiqiang", sex: "male", birthYear: 1979, city: "440106", industry: "户外运动",
    account: { name: "强哥野钓", intro: "珠三角野钓点位、钓法与装备测评，周末一起出钓。" } },
  { key: "wujiayi", name: "吴佳怡", pinyin: "Wu Jiayi", sex: "female", birthYear: 1995, city: "440305", industry: "健身运动",
    account: { name: "佳怡瑜伽日常", intro: "十五分钟居家瑜伽，办公室肩颈放松，跟练就好。" } },
  { key: "zhaomingzhe", name: "赵明哲", pinyin: "Zhao Mingzhe", sex: "male", birthYear: 1993, city: "420106", industry: "数码评测",
    account: { name: "明哲数码笔记", intro: "手机、耳机与效率工具的真实体验，不收钱的评测。" } },
  { key: "sunxiuying", name: "孙秀英", pinyin: "Sun Xiuying", sex: "female", birthYear: 1962, city: "370202", industry: "手工编织",
    account: { name: "孙阿姨的毛线篮", intro: "棒针钩针图解教程，毛衣围巾一步步教你织。" } },
  { key: "xuzihan", name: "徐子涵", pinyin: "Xu Zihan", sex: "female", birthYear: 1998, city: "320102", industry: "考研辅导",
    account: { name: "子涵考研说", intro: "南大学姐的考研经验：择校、复习计划与复试准备。" } },
  { key: "majunjie", name: "马俊杰", pinyin: "Ma Junjie", sex: "male", birthYear: 1991, city: "350203", industry: "咖啡",
    account: { name: "俊杰咖啡笔记", intro: "手冲参数、豆子测评与厦门咖啡馆探店。" } },
  { key: "hexuemei", name: "何雪梅", pinyin: "He Xuemei", sex: "female", birthYear: 1975, city: "500103", industry: "中医养生",
    account: { name: "雪梅说养生", intro: "顺应四时的家常养生方，药膳汤水与作息建议。" } },
];

export const DEMO_OVERSEAS: readonly DemoOverseasSpec[] = [
  { key: "bluewater", en: "Bluewater Trading Pte. Ltd.", zh: "新加坡蓝水贸易私人有限公司", country: "SG", registrationNumber: "201934567K",
    industry: "跨境电商", scale: "21-50", address: "80 Robinson Road, #10-01, Singapore 068898",
    contact: { name: "Daniel Tan", passport: "K1234567N", email: "daniel.tan@bluewater.example", mobile: "+6591234567" },
    account: { name: "蓝水优选", intro: "新加坡直邮的保健品与零食，正品保障，支持微信支付。" } },
  { key: "harbourview", en: "Harbourview Education Ltd", zh: "英国海景教育有限公司", country: "GB", registrationNumber: "11876543",
    industry: "教育培训", scale: "21-50", address: "27 Old Gloucester Street, London WC1N 3AX",
    contact: { name: "Oliver Hughes", passport: "553810274", email: "oliver@harbourview.example", mobile: "+447700900123" },
    account: { name: "海景留学英国", intro: "英国中学与大学申请、监护人服务与暑期课程。" } },
  { key: "alpine", en: "Alpine Medtech GmbH", zh: "德国阿尔派医疗科技有限公司", country: "DE", registrationNumber: "HRB 215873",
    industry: "医疗器械", scale: "201-500", address: "Leopoldstraße 244, 80807 München",
    contact: { name: "Lena Fischer", passport: "C01X00T47", email: "l.fischer@alpine-medtech.example", mobile: "+491701234567" },
    account: { name: "阿尔派医疗", intro: "德国骨科植入物与手术器械，中国区产品资料与培训报名。" } },
  { key: "maple", en: "Maple Leaf Organics Inc.", zh: "加拿大枫叶有机食品有限公司", country: "CA", registrationNumber: "BC1234567",
    industry: "食品", scale: "51-200", address: "1055 West Georgia Street, Vancouver, BC V6E 3P3",
    contact: { name: "Emily Wong", passport: "AB123456", email: "emily@mapleleaf.example", mobile: "+16045550123" },
    account: { name: "枫叶有机", intro: "加拿大有机枫糖浆与燕麦，跨境直邮，产地溯源。" } },
  { key: "sakura", en: "Sakura Beauty Co., Ltd.", zh: "日本樱花美妆株式会社", country: "JP", registrationNumber: "7010401123456",
    industry: "美妆个护", scale: "51-200", address: "5-10-1 Jingumae, Shibuya-ku, Tokyo 150-0001",
    contact: { name: "Yuki Sato", passport: "TK1234567", email: "y.sato@sakura-beauty.example", mobile: "+819012345678" },
    account: { name: "樱花美妆日本", intro: "日本药妆与护肤品牌，成分解读与官方正品直邮。" } },
  { key: "koala", en: "Koala Wellness Pty Ltd", zh: "澳洲考拉健康有限公司", country: "AU", registrationNumber: "612 345 678",
    industry: "保健品", scale: "21-50", address: "Level 12, 50 Pitt Street, Sydney NSW 2000",
    contact: { name: "Jack Wilson", passport: "PA1234567", email: "jack@koalawellness.example", mobile: "+61412345678" },
    account: { name: "考拉健康", intro: "澳洲营养补充剂，营养师在线答疑，全家健康方案。" } },
  { key: "goldengate", en: "Golden Gate Wines LLC", zh: "美国金门酒业有限责任公司", country: "US", registrationNumber: "7654321",
    industry: "酒类进口", scale: "1-20", address: "1 Market Street, San Francisco, CA 94105",
    contact: { name: "Michael Brown", passport: "567890123", email: "michael@goldengatewines.example", mobile: "+14155550199" },
    account: { name: "金门酒庄", intro: "加州纳帕谷葡萄酒，品鉴笔记与进口酒选购指南。" } },
  { key: "victoriaharbour", en: "Victoria Harbour Media Limited", zh: "维港传媒有限公司", country: "HK", registrationNumber: "2987654",
    industry: "文化传媒", scale: "21-50", address: "香港中环皇后大道中99号中环中心38楼",
    contact: { name: "黄家乐 Wong Ka Lok", passport: "H12345678", email: "kalok.wong@vhmedia.example", mobile: "+85291234567" },
    account: { name: "维港传媒", intro: "香港生活、展览与演出资讯，粤港澳大湾区文化周刊。" } },
  { key: "lumiere", en: "Maison Lumière SAS", zh: "法国卢米埃尔之家", country: "FR", registrationNumber: "852 123 456",
    industry: "时尚", scale: "51-200", address: "12 Rue du Faubourg Saint-Honoré, 75008 Paris",
    contact: { name: "Sophie Martin", passport: "18AV12345", email: "sophie.martin@maisonlumiere.example", mobile: "+33612345678" },
    account: { name: "卢米埃尔之家", intro: "法国香氛与家居品牌，新品故事、门店活动与会员礼遇。" } },
  { key: "seoulglow", en: "Seoul Glow Cosmetics Co., Ltd.", zh: "韩国首尔光彩化妆品株式会社", country: "KR", registrationNumber: "123-86-45678",
    industry: "美妆个护", scale: "51-200", address: "152 Teheran-ro, Gangnam-gu, Seoul 06236",
    contact: { name: "Kim Min-ji", passport: "M12345678", email: "minji.kim@seoulglow.example", mobile: "+821012345678" },
    account: { name: "首尔光彩", intro: "韩国护肤彩妆，妆容教程与新品首发，官方授权。" } },
];

/** External accounts (outside Weidesk) that take slots of these people's IDs. */
export const DEMO_EXTERNAL_ACCOUNTS: readonly { operatorOf: string; name: string; wechatId: string; note: string }[] = [
  { operatorOf: "haifan", name: "海帆跨境日记", wechatId: "haifan_diary", note: "运营者个人早年注册的订阅号，仍在更新" },
  { operatorOf: "jinli", name: "成都吃货地图", wechatId: "cd_chihuo", note: "Registered by the operator in 2019 for a food guide; still active." },
  { operatorOf: "zhixing", name: "知行老师说", wechatId: "zhixing_laoshi", note: "讲师个人号，客户确认不注销" },
  { operatorOf: "liwanqing", name: "婉清的小确幸", wechatId: "wanqing_daily", note: "个人生活号，已停更但未注销" },
  { operatorOf: "yuesen", name: "羊城影像志", wechatId: "", note: "The operator's own photography account." },
];

/** Why a card went to a side state; plan.ts picks one per card. */
export const SIDE_STATE_NOTES = {
  on_hold: [
    "客户品牌升级中，帐号名称待定，暂停推进",
    "法人出差，授权运营书下月才能盖章",
    "Client paused the project until the new brand guidelines are approved.",
    "等待客户确认认证费用预算",
  ],
  rejected: [
    "微信审核未通过：帐号名称与已注册帐号重复",
    "主体信息与营业执照不一致，需重新提交",
    "WeChat rejected the application: the introduction makes a medical claim.",
    "对公打款金额不符，验证失败",
  ],
  abandoned: [
    "客户决定只做企业微信，公众号不再注册",
    "Client chose to keep their existing account instead.",
    "门店停业，项目取消",
    "客户一直未提供材料，经确认放弃",
  ],
} as const;

/** Notes staff leave on a move, by the stage entered. */
export const MOVE_NOTES: Partial<Record<Stage, readonly string[]>> = {
  documents: ["已发送材料清单给客户", "Sent the document checklist to the client."],
  account_created: ["已用客户邮箱注册，激活邮件48小时内有效", "Activation e-mail sent to the client's mailbox."],
  subject_submitted: ["已提交信息登记，等待对公打款验证", "Subject details submitted; waiting for the small payment check."],
  under_review: ["已提交微信审核", "Submitted to WeChat for review."],
  registered: ["审核通过，已交付帐号", "Approved by WeChat; credentials handed over."],
  application_submitted: ["Application e-mailed to WeChat's overseas team."],
  awaiting_response: ["已发邮件跟进，等待微信海外团队回复"],
  verification_submitted: ["已提交企业微信认证，等待审核"],
  live: ["已上线，成员邀请完成"],
};

/** Reasons a reviewer gives for sending a document back, per kind (and generic ones). */
export const REJECT_REASONS: Record<string, readonly string[]> = {
  business_licence: [
    "营业执照未见最新年报信息，请上传彩色扫描件",
    "The scan is black and white; please upload a colour scan of the licence.",
    "执照照片反光，统一社会信用代码看不清",
  ],
  id_holding_photo: [
    "照片模糊，身份证号码无法辨认，请在光线充足处重新拍摄",
    "手持证件照被裁剪，四角需完整",
    "The ID card is covered by the fingers; please retake the photo.",
  ],
  authorisation_letter: [
    "授权运营书缺少公章，请盖章后重新扫描",
    "The letter must be signed by the legal representative.",
    "授权书上的帐号名称与申请不一致",
  ],
  verification_letter: ["认证公函日期已超过30天，请重新开具", "公函未加盖公章"],
  certificate_of_incorporation: ["Please provide a certified copy, not a photo of the screen."],
  contact_proof: ["The bill is older than three months; please send a recent one.", "账单上的姓名与联系人不一致"],
  other: ["文件无法打开，请重新上传", "Wrong file: this is the previous year's document."],
};

export const REQUEST_MESSAGES: Record<string, readonly string[]> = {
  oa_cn_org: [
    "您好，注册公众号需要以下材料：营业执照彩色扫描件、运营者手持身份证照片、加盖公章的授权运营书。授权书模板已发到您的邮箱，请在截止日期前上传，谢谢！",
    "Hello, please upload the business licence (colour scan), the operator's photo holding their ID card and the stamped authorisation letter.",
  ],
  oa_cn_individual: ["您好，请上传本人手持身份证的照片（证件信息清晰、四角完整），我们收到后当天提交。"],
  oa_overseas: [
    "Hello, WeChat needs the certificate of incorporation, the signed authorisation letter and a recent utility bill or bank statement of the contact person.",
  ],
  wecom: ["您好，企业微信认证需要营业执照和加盖公章的认证公函，公函模板见附件。"],
};

export const REQUEST_COMMENTS: readonly { staff: string; client?: string; reply?: string }[] = [
  { staff: "照片需要四角完整，请不要裁剪。", client: "好的，今天下午重新拍。", reply: "收到，谢谢！" },
  { staff: "授权书需要法人签字并加盖公章。", client: "公章下周一才能盖，先传执照可以吗？", reply: "可以的，执照先传，授权书下周一补上即可。" },
  { staff: "Please use the template we sent; WeChat refuses other formats." },
  { staff: "执照已审核通过，还差授权运营书。" },
  { staff: "提醒：材料截止日期是本周五。", client: "明白，周四前一定传上来。" },
];

/** Internal notes (staff only). */
export const NOTE_BODIES: readonly string[] = [
  "客户希望春节前完成认证，注意预留审核时间。",
  "法人不方便视频，运营者由市场部负责人担任。",
  "客户对帐号名称很在意，改名前务必先确认。",
  "The client pays by bank transfer only; invoice to the Shanghai entity.",
  "老客户介绍，报价按九折。",
  "对公账户在工商银行，打款验证请提醒财务留意小额入账。",
  "Contact prefers WeChat over e-mail; reply within the day.",
  "去年的公众号名称被占用，新名称备选：三个，见邮件。",
  "客户有两个品牌，后续可能再注册一个订阅号。",
  "运营者的身份证明年3月到期，续期后需更新手持照片。",
  "认证年审提醒已加到日历。",
  "Asked the client for the English company name exactly as on the certificate.",
  "企业微信成员约300人，认证后再批量邀请。",
  "客户财务周五下午才在，打款验证安排在周五。",
  "已签服务合同，代注册+首年认证。",
];

/** Original file names as clients send them. */
export const ORIGINAL_NAMES: Record<string, { jpg: readonly string[]; pdf: readonly string[] }> = {
  business_licence: { jpg: ["营业执照.jpg", "IMG_4021.JPG"], pdf: ["营业执照副本.pdf", "营业执照（彩色扫描）.pdf"] },
  org_code_certificate: { jpg: ["组织机构代码证.jpg"], pdf: ["组织机构代码证.pdf"] },
  id_card_front: { jpg: ["身份证正面.jpg", "IMG_20250311_101522.jpg"], pdf: ["身份证正反面.pdf"] },
  id_card_back: { jpg: ["身份证反面.jpg", "IMG_20250311_101540.jpg"], pdf: ["身份证正反面.pdf"] },
  id_holding_photo: { jpg: ["手持身份证.jpg", "IMG_3318.JPG", "微信图片_20250618142210.jpg"], pdf: ["手持身份证照片.pdf"] },
  authorisation_letter: { jpg: ["授权书.jpg"], pdf: ["授权运营书（盖章版）.pdf", "公众号授权运营书.pdf"] },
  verification_letter: { jpg: ["认证公函.jpg"], pdf: ["企业微信认证公函.pdf", "认证公函-盖章.pdf"] },
  certificate_of_incorporation: { jpg: ["certificate.jpg"], pdf: ["Certificate of Incorporation.pdf", "ACRA BizFile.pdf"] },
  application: { jpg: ["application.jpg"], pdf: ["Application letter.pdf"] },
  contact_proof: { jpg: ["bank statement.jpg"], pdf: ["Utility bill.pdf", "Bank statement.pdf"] },
  business_card: { jpg: ["business card.jpg", "名片.jpg"], pdf: ["business card.pdf"] },
  logo: { jpg: ["logo.jpg", "头像.jpg"], pdf: ["logo.pdf"] },
  other: { jpg: ["补充材料.jpg"], pdf: ["补充说明.pdf"] },
};
